using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Testbed.Beamline;

/// <summary>One node of a beamline YAML file, with its source position, and typed getters whose errors say file:line and key.</summary>
public sealed class ConfigNode
{
    private readonly YamlNode _node;

    internal ConfigNode(YamlNode node, string source, string path)
    {
        _node = node;
        Source = source;
        Path = path;
    }

    /// <summary>The same node under another key path (used to name controllers by their <c>name:</c> in errors).</summary>
    public ConfigNode WithPath(string path) => new(_node, Source, path);

    /// <summary>The file the node came from (as given to the loader).</summary>
    public string Source { get; }

    /// <summary>Dotted key path from the file's root, e.g. <c>rot_ctrl.axes[0]</c>.</summary>
    public string Path { get; }

    public int Line => (int)_node.Start.Line;

    public int Column => (int)_node.Start.Column;

    /// <summary>Character offsets of this node in the file's text (end exclusive), for rewriting a value in place.</summary>
    internal (int Start, int End) Span => ((int)_node.Start.Index, (int)_node.End.Index);

    /// <summary>"file:line:column" of this node.</summary>
    public string Location => $"{Source}:{Line}:{Column}";

    public bool IsMapping => _node is YamlMappingNode;

    public bool IsSequence => _node is YamlSequenceNode;

    public bool IsScalar => _node is YamlScalarNode;

    /// <summary>The scalar text (null for a mapping, a sequence or YAML null).</summary>
    public string? Scalar => _node is YamlScalarNode s && !IsNullScalar(s) ? s.Value : null;

    /// <summary>The keys of a mapping, in file order.</summary>
    public IEnumerable<string> Keys => _node is YamlMappingNode m ? m.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") : [];

    /// <summary>The child at <paramref name="key"/>, or null when absent.</summary>
    public ConfigNode? Get(string key)
    {
        if (_node is not YamlMappingNode m) throw Error(null, "expected a mapping (key: value lines) here");
        foreach (var (k, v) in m.Children)
            if (k is YamlScalarNode s && s.Value == key)
                return IsNullScalar(v) ? null : new ConfigNode(v, Source, Join(key));
        return null;
    }

    /// <summary>The child at <paramref name="key"/>; a clear error when absent.</summary>
    public ConfigNode Require(string key) =>
        Get(key) ?? throw new ConfigException(Location, Join(key), $"missing configuration key '{key}'; add it to this block");

    /// <summary>The elements of a sequence.</summary>
    public IReadOnlyList<ConfigNode> Items()
    {
        if (_node is not YamlSequenceNode seq) throw Error(null, "expected a list ('- ' items) here");
        return seq.Children.Select((n, i) => new ConfigNode(n, Source, $"{Path}[{i}]")).ToList();
    }

    /// <summary>The list at <paramref name="key"/>, empty when absent.</summary>
    public IReadOnlyList<ConfigNode> List(string key) => Get(key)?.Items() ?? [];

    public string? String(string key) => Get(key) is { } n ? n.AsString() : null;

    public string RequireString(string key) => Require(key).AsString();

    public double? Double(string key) => Get(key)?.AsDouble();

    public double Double(string key, double fallback) => Get(key)?.AsDouble() ?? fallback;

    public double RequireDouble(string key) => Require(key).AsDouble();

    public long? Long(string key) => Get(key)?.AsLong();

    public long Long(string key, long fallback) => Get(key)?.AsLong() ?? fallback;

    public int Int(string key, int fallback) => Get(key)?.AsInt() ?? fallback;

    public bool Bool(string key, bool fallback) => Get(key)?.AsBool() ?? fallback;

    /// <summary>Longest duration a key may give: nothing in a beamline waits for days, and TimeSpan overflows far beyond.</summary>
    public const double MaxSeconds = 1e6;

    /// <summary>A duration in seconds at <paramref name="key"/> (<paramref name="fallback"/> when absent), 0…<see cref="MaxSeconds"/>.</summary>
    public TimeSpan Seconds(string key, double fallback)
    {
        var value = Double(key, fallback);
        return value is >= 0 and <= MaxSeconds ? TimeSpan.FromSeconds(value) : throw Error(key, $"{value} s is outside 0…{MaxSeconds:0} s");
    }

    public string AsString() =>
        Scalar ?? throw Error(null, "expected a single value here, not a block");

    public double AsDouble()
    {
        var text = AsString();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        throw Error(null, $"'{text}' is not a number; write e.g. 1.5 or -2e3");
    }

    public long AsLong()
    {
        var text = AsString();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)) return value;
        throw Error(null, $"'{text}' is not a whole number");
    }

    public int AsInt()
    {
        var value = AsLong();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(null, $"{value} is out of range ({int.MinValue}…{int.MaxValue})");
    }

    public bool AsBool()
    {
        var text = AsString().ToLowerInvariant();
        return text switch
        {
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            _ => throw Error(null, $"'{AsString()}' is not true or false"),
        };
    }

    /// <summary>Parses the scalar as one of <paramref name="allowed"/> (case-insensitive).</summary>
    public string AsChoice(params string[] allowed)
    {
        var text = AsString();
        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
               ?? throw Error(null, $"'{text}' is not one of: {string.Join(", ", allowed)}");
    }

    /// <summary>Rejects keys outside <paramref name="known"/>, suggesting the nearest known key for a typo.</summary>
    public void ExpectOnly(params string[] known)
    {
        if (_node is not YamlMappingNode m) return;
        foreach (var k in m.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = k.Value ?? "";
            if (known.Contains(name)) continue;
            var hint = Spelling.Nearest(name, known);
            var suggestion = hint is not null ? $"; did you mean '{hint}'?" : $"; known keys: {string.Join(", ", known)}";
            throw new ConfigException($"{Source}:{k.Start.Line}:{k.Start.Column}", Join(name), $"unknown key{suggestion}");
        }
    }

    /// <summary>
    /// Reports keys outside <paramref name="known"/>: a near miss of a known key is a typo and throws; any other key goes into
    /// <paramref name="warnings"/> ("file:line:col: key 'x': not read by testbed …"), as BLISS ignores keys it does not read.
    /// </summary>
    public void CheckKeys(IReadOnlyCollection<string> known, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(warnings);
        if (_node is not YamlMappingNode m) return;
        foreach (var k in m.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = k.Value ?? "";
            if (known.Contains(name)) continue;
            var location = $"{Source}:{k.Start.Line}:{k.Start.Column}";
            if (Spelling.Nearest(name, known) is { } hint)
                throw new ConfigException(location, Join(name), $"unknown key; did you mean '{hint}'?");
            warnings.Add(new ConfigException(location, Join(name), "a key testbed does not read, so it has no effect; check the spelling, or remove it").Message);
        }
    }

    /// <summary>An error located at this node (or at its child <paramref name="key"/>).</summary>
    public ConfigException Error(string? key, string problem) =>
        new(key is null ? Location : Get(key)?.Location ?? Location, key is null ? (Path.Length == 0 ? null : Path) : Join(key), problem);

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private static bool IsNullScalar(YamlNode n) =>
        n is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");
}
