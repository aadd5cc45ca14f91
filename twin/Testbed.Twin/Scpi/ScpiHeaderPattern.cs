namespace Testbed.Twin.Scpi;

/// <summary>A SCPI header pattern such as <c>[:SENSe[1]]:CURRent[:DC]:NPLCycles</c>, matched against typed headers.</summary>
/// <remarks>
/// Upper-case letters are the short form, the whole word the long form; <c>[:NODE]</c> is optional; a trailing
/// <c>[n]</c> is an optional numeric suffix that must equal n when given, a bare trailing digit a required one.
/// Matching is case-insensitive, as the instrument's.
/// </remarks>
public sealed class ScpiHeaderPattern
{
    private readonly Node[] _nodes;

    public ScpiHeaderPattern(string pattern)
    {
        Text = pattern;
        _nodes = pattern.StartsWith('*') ? [] : Parse(pattern);
        ShortForm = _nodes.Length == 0 ? Text.ToUpperInvariant()
            : string.Join(':', _nodes.Where(n => !n.Optional).Select(n => n.Short + (n.Suffix is { } s && !n.SuffixOptional ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")));
    }

    public string Text { get; }

    /// <summary>The required nodes in short form, e.g. <c>CURR:NPLC</c> for <c>[:SENSe[1]]:CURRent[:DC]:NPLCycles</c>, <c>*IDN</c>:
    /// one spelling per table line, the name fault records and command events use.</summary>
    public string ShortForm { get; }

    /// <summary>True when the header tokens (upper case, suffix split off) match this pattern.</summary>
    public bool Matches(IReadOnlyList<HeaderToken> tokens) => Match(0, tokens, 0);

    private bool Match(int node, IReadOnlyList<HeaderToken> tokens, int token)
    {
        if (node == _nodes.Length) return token == tokens.Count;
        var n = _nodes[node];
        if (token < tokens.Count && n.Accepts(tokens[token]) && Match(node + 1, tokens, token + 1)) return true;
        return n.Optional && Match(node + 1, tokens, token);
    }

    private static Node[] Parse(string pattern)
    {
        var nodes = new List<Node>();
        var i = 0;
        while (i < pattern.Length)
        {
            var optional = false;
            if (pattern[i] == '[')
            {
                optional = true;
                i++;
            }
            if (i < pattern.Length && pattern[i] == ':') i++;
            var start = i;
            while (i < pattern.Length && char.IsLetter(pattern[i])) i++;
            var word = pattern[start..i];
            int? suffix = null;
            var suffixOptional = false;
            if (i < pattern.Length && pattern[i] == '[' && i + 1 < pattern.Length && char.IsDigit(pattern[i + 1]))
            {
                suffix = pattern[i + 1] - '0';
                suffixOptional = true;
                i += 3;
            }
            else if (i < pattern.Length && char.IsDigit(pattern[i]))
            {
                suffix = pattern[i] - '0';
                i++;
            }
            if (optional)
            {
                if (i >= pattern.Length || pattern[i] != ']') throw new ArgumentException($"unbalanced '[' in SCPI pattern '{pattern}'");
                i++;
            }
            if (word.Length == 0) throw new ArgumentException($"empty node in SCPI pattern '{pattern}'");
            var shortForm = string.Concat(word.Where(c => char.IsUpper(c) || char.IsDigit(c)));
            nodes.Add(new Node(shortForm, word.ToUpperInvariant(), optional, suffix, suffixOptional));
        }
        return nodes.ToArray();
    }

    private sealed record Node(string Short, string Long, bool Optional, int? Suffix, bool SuffixOptional)
    {
        public bool Accepts(HeaderToken t)
        {
            if (t.Mnemonic != Short && t.Mnemonic != Long) return false;
            if (t.Suffix is null) return Suffix is null || SuffixOptional;
            return t.Suffix == Suffix;
        }
    }
}

/// <summary>One node of a typed header: the mnemonic in upper case and its numeric suffix, if any.</summary>
public readonly record struct HeaderToken(string Mnemonic, int? Suffix)
{
    /// <summary>Splits e.g. "calc3" into CALC + 3; null when the text is not letters followed by digits.</summary>
    public static HeaderToken? Parse(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
        if (i == 0) return null;
        var j = i;
        while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
        if (j != text.Length || j - i > 6) return null;
        int? suffix = j > i ? int.Parse(text.AsSpan(i, j - i), System.Globalization.CultureInfo.InvariantCulture) : null;
        return new HeaderToken(text[..i].ToUpperInvariant(), suffix);
    }
}
