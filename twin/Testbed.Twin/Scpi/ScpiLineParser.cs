namespace Testbed.Twin.Scpi;

/// <summary>Splits one received line into program message units (<c>;</c>) and a unit into header and parameters (<c>,</c>), outside quotes.</summary>
public static class ScpiLineParser
{
    public static List<string> Split(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote is { } q)
            {
                if (ch == q) quote = null;
            }
            else if (ch is '"' or '\'') quote = ch;
            else if (ch == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Header and parameter text of one unit: the header ends at the first blank.</summary>
    public static (string Header, string Parameters) SplitUnit(string unit)
    {
        var i = unit.IndexOfAny([' ', '\t']);
        return i < 0 ? (unit, "") : (unit[..i], unit[(i + 1)..].Trim(' ', '\t'));
    }

    /// <summary>True when every character is printable ASCII or a tab (anything else is −101).</summary>
    public static bool IsPrintable(string text)
    {
        foreach (var ch in text)
            if (ch != '\t' && (ch < ' ' || ch > '~')) return false;
        return true;
    }
}
