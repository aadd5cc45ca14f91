using System.Globalization;
using System.Text.Json;

namespace Testbed.Twin.Host.Control;

/// <summary>A value to set, as given (a JSON number, boolean or string, or command-line text), converted by the key that takes it.</summary>
public readonly record struct ControlValue(string Text)
{
    /// <summary>The value of a JSON element: strings as they are, numbers and booleans as their JSON text.</summary>
    public static ControlValue From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new(element.GetString()!),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => new(element.GetRawText()),
        _ => throw new ControlException(ControlProblem.BadValue, $"a value is a number, true/false or a string, not {element.ValueKind.ToString().ToLowerInvariant()}"),
    };

    public double AsDouble(string key)
    {
        if (double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw new ControlException(ControlProblem.BadValue, $"{key}: '{Text}' is not a number; write e.g. 1.5 or -2e3");
    }

    public long AsLong(string key)
    {
        if (long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        if (double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
        throw new ControlException(ControlProblem.BadValue, $"{key}: '{Text}' is not a whole number");
    }

    public bool AsBool(string key) => Text.ToLowerInvariant() switch
    {
        "true" or "1" or "on" or "yes" => true,
        "false" or "0" or "off" or "no" => false,
        _ => throw new ControlException(ControlProblem.BadValue, $"{key}: '{Text}' is not on/off; write true or false"),
    };

    public override string ToString() => Text;
}
