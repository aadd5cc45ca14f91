using System.Globalization;
using System.Text;

namespace Testbed.Blissdata.Search;

/// <summary>RediSearch query strings of <c>search_existing_scans</c> (§9.1) and the same matching done client-side.</summary>
public static class SearchQuery
{
    private const string Escaped = ",.<>{}[]\"':;!@#$%^&()-+=~?/ ";

    /// <summary><c>*</c> without filters; <c>@id_k:{v}</c> / <c>@id_k:[v v]</c> joined by spaces, in parentheses when several.</summary>
    public static string Build(IReadOnlyList<ScanFilter> filters)
    {
        if (filters.Count == 0) return "*";
        var parts = filters.Select(Term).ToList();
        return parts.Count == 1 ? parts[0] : "(" + string.Join(' ', parts) + ")";
    }

    private static string Term(ScanFilter f)
    {
        Validate(f);
        return f.IsNumeric
            ? $"@id_{f.Field}:[{Num(f.Value)} {Num(f.Value)}]"
            : $"@id_{f.Field}:{{{Escape((string)f.Value)}}}";
    }

    private static string Num(object v) => Convert.ToString(v, CultureInfo.InvariantCulture)!;

    /// <summary>Backslash before every RediSearch punctuation character and space; <c>*</c> stays a wildcard.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length * 2);
        foreach (var c in value)
        {
            if (Escaped.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static void Validate(ScanFilter f)
    {
        if (!ScanFilter.Fields.Contains(f.Field))
            throw new ArgumentException($"'{f.Field}' is not an identity field; use one of {string.Join(", ", ScanFilter.Fields)}");
        if (f.Field == "number" != f.IsNumeric)
            throw new ArgumentException($"filter '{f.Field}' needs {(f.Field == "number" ? "an integer" : "a string")}, got {f.Value.GetType().Name}");
        if (f.Value is string s)
        {
            var core = s.Trim('*');
            if (core.Length == 0 || core.Contains('*'))
                throw new ArgumentException($"filter {f.Field}='{s}': wildcards are only allowed as prefix (abc*), suffix (*abc) or infix (*abc*)");
        }
    }

    /// <summary>Whether an identity matches every filter, as RediSearch TAG (case-insensitive, '|'-separated) and NUMERIC fields do.</summary>
    public static bool Matches(Documents.ScanIdentity id, IReadOnlyList<ScanFilter> filters)
    {
        foreach (var f in filters)
        {
            Validate(f);
            if (f.IsNumeric)
            {
                if (id.Number != Convert.ToDouble(f.Value, CultureInfo.InvariantCulture)) return false;
                continue;
            }
            var field = f.Field switch
            {
                "name" => id.Name,
                "data_policy" => id.DataPolicy,
                "session" => id.Session,
                "proposal" => id.Proposal,
                "collection" => id.Collection,
                "dataset" => id.Dataset,
                _ => id.Path,
            };
            if (field is null) return false;
            var pattern = (string)f.Value;
            if (!field.Split('|').Select(t => t.Trim()).Any(tag => TagMatches(tag, pattern))) return false;
        }
        return true;
    }

    private static bool TagMatches(string tag, string pattern)
    {
        var cmp = StringComparison.OrdinalIgnoreCase;
        var starts = pattern.StartsWith('*');
        var ends = pattern.EndsWith('*') && pattern.Length > 1;
        var core = pattern.Trim('*');
        return (starts, ends) switch
        {
            (true, true) => tag.Contains(core, cmp),
            (true, false) => tag.EndsWith(core, cmp),
            (false, true) => tag.StartsWith(core, cmp),
            _ => string.Equals(tag, core, cmp),
        };
    }
}
