using System.Globalization;
using System.Text.RegularExpressions;

namespace Testbed.Twin.Scpi;

/// <summary>The parameters of one command, with typed getters that throw the SCPI error the instrument would queue.</summary>
public sealed partial class ScpiArguments(IReadOnlyList<string> tokens)
{
    public static readonly ScpiArguments Empty = new([]);

    public int Count => tokens.Count;

    public string this[int index] => tokens[index];

    /// <summary>Requires exactly <paramref name="count"/> parameters (−109 when fewer, −108 when more).</summary>
    public ScpiArguments Expect(int count)
    {
        if (tokens.Count < count) throw new ScpiException(ScpiError.MissingParameter);
        if (tokens.Count > count) throw new ScpiException(ScpiError.ParameterNotAllowed);
        return this;
    }

    /// <summary>An NRf number, or MINimum/MAXimum/DEFault mapped to the given values; other text is −104.</summary>
    public double Number(int index, double min, double max, double def)
    {
        var t = tokens[index];
        if (IsWord(t, "MIN", "MINIMUM")) return min;
        if (IsWord(t, "MAX", "MAXIMUM")) return max;
        if (IsWord(t, "DEF", "DEFAULT")) return def;
        return Number(index);
    }

    /// <summary>An NRf number (Python <c>str()</c> forms such as <c>2e-08</c> included); other text is −104.</summary>
    public double Number(int index)
    {
        var t = tokens[index];
        if (!NrfPattern().IsMatch(t)) throw new ScpiException(ScpiError.DataTypeError);
        var value = double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw new ScpiException(ScpiError.DataOutOfRange);
        return value;
    }

    /// <summary>A SCPI boolean: ON/OFF or a number (non-zero after rounding = on); anything else (e.g. <c>True</c>) is −104.</summary>
    public bool Boolean(int index)
    {
        var t = tokens[index];
        if (IsWord(t, "ON")) return true;
        if (IsWord(t, "OFF")) return false;
        if (!NrfPattern().IsMatch(t)) throw new ScpiException(ScpiError.DataTypeError);
        return Math.Round(double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)) != 0;
    }

    /// <summary>Character data matched against (short, long) forms; returns the short form. Numbers are −104, unknown words −224.</summary>
    public string Choice(int index, params (string Short, string Long)[] choices)
    {
        var t = tokens[index];
        if (!WordPattern().IsMatch(t)) throw new ScpiException(ScpiError.DataTypeError);
        foreach (var (s, l) in choices)
            if (IsWord(t, s, l)) return s;
        throw new ScpiException(ScpiError.IllegalParameterValue);
    }

    private static bool IsWord(string token, params string[] forms) =>
        forms.Any(f => string.Equals(token, f, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NrfPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex WordPattern();
}
