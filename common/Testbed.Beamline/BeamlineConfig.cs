using System.Text;
using Testbed.Beamline.Faults;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Testbed.Beamline;

/// <summary>A beamline file: BLISS-style controller entries (<c>class:</c>, <c>name:</c>, <c>udp:</c>/<c>serial:</c>, <c>axes:</c> …).</summary>
/// <remarks>
/// The file is a YAML list of controllers, as BLISS's Beacon files are, or a mapping with a <c>controllers:</c> list.
/// Twin-only settings live in a controller's <c>twin:</c> block, which BLISS ignores; pointing the <c>url:</c>s at
/// real hardware is the only change for commissioning. Each side (twin host, drivers) maps the nodes to its own
/// typed settings, so the two never share protocol code.
/// </remarks>
public sealed class BeamlineConfig
{
    private BeamlineConfig(string source, string text, ConfigNode root, IReadOnlyList<ControllerConfig> controllers, IReadOnlyList<string> warnings,
        IReadOnlyList<FaultDeclaration> faults)
    {
        Faults = faults;
        Source = source;
        Text = text;
        Root = root;
        Controllers = controllers;
        Warnings = warnings;
    }

    /// <summary>The file name errors refer to.</summary>
    public string Source { get; }

    /// <summary>The folder relative paths (tty links, data roots) resolve against: the file's own.</summary>
    public string BaseDirectory => Path.GetDirectoryName(Path.GetFullPath(Source)) ?? ".";

    /// <summary>The YAML as read.</summary>
    public string Text { get; }

    /// <summary>Keys no side reads (file:line: …), one line each; every command prints them once.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public ConfigNode Root { get; }

    public IReadOnlyList<ControllerConfig> Controllers { get; }

    /// <summary>The faults the file declares (its <c>faults:</c> lists), validated against its controllers; the twin arms them.</summary>
    public IReadOnlyList<FaultDeclaration> Faults { get; }

    /// <summary>Reads and validates a beamline file.</summary>
    public static BeamlineConfig Load(string path)
    {
        string text;
        if (Directory.Exists(path))
        {
            var yaml = Directory.EnumerateFiles(path, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).Take(5).ToList();
            throw new ConfigException(path, null, "this is a folder, not a beamline file; give a .yaml file" +
                (yaml.Count > 0 ? $" such as {Path.Combine(path, yaml[0]!)}" : " (e.g. scenarios/beamlines/demo.yaml)"));
        }
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, null, $"cannot read the beamline file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses beamline YAML; <paramref name="source"/> names it in errors.</summary>
    public static BeamlineConfig Parse(string yaml, string source)
    {
        var root = ParseDocument(yaml, source, "the file is empty; list at least one controller");
        var list = root.IsMapping ? root.Require("controllers") : root;
        var controllers = new List<ControllerConfig>();
        foreach (var node in list.Items())
        {
            var c = new ControllerConfig(node);
            if (controllers.FirstOrDefault(o => o.Name == c.Name) is { } dup)
                throw node.Error("name", $"controller name '{c.Name}' is used twice (first at {dup.Node.Location})");
            controllers.Add(c);
        }
        var axisNames = new Dictionary<string, ConfigNode>();
        foreach (var axis in controllers.SelectMany(c => c.Axes))
        {
            var name = axis.RequireString("name");
            if (axisNames.TryGetValue(name, out var first))
                throw axis.Error("name", $"axis name '{name}' is used twice (first at {first.Location})");
            axisNames[name] = axis;
        }
        var warnings = BeamlineSchema.Check(controllers);
        var faults = FaultSchema.Read(root, controllers);
        var config = new BeamlineConfig(source, yaml, root, controllers, warnings, faults);
        config.CheckAddresses();
        return config;
    }

    /// <summary>The root node of YAML text (JSON is YAML too), or null when it holds no document; invalid or too deeply nested text
    /// is a <see cref="ConfigException"/> located in <paramref name="source"/>.</summary>
    internal static ConfigNode? ReadRoot(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            CheckDepth(yaml, source);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{source}:{e.Start.Line}:{e.Start.Column}", null, $"invalid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's document builder fails this way on some malformed alias and anchor structures; it gives no position.
            throw new ConfigException(source, null, $"invalid YAML ({e.Message}); check anchors (&name) and aliases (*name) and the indentation", e);
        }
        return stream.Documents.Count == 0 ? null : new ConfigNode(stream.Documents[0].RootNode, source, "");
    }

    /// <summary>Every known controller's address and the <c>url:</c> node it comes from, in file order.</summary>
    public IEnumerable<(ControllerConfig Controller, ConfigNode Url, LineAddress Address)> Addresses()
    {
        foreach (var c in Controllers)
            if (BeamlineSchema.Of(c.Class) is { } schema && c.Node.Get(schema.Line.Key) is { IsMapping: true } line && line.Get("url") is { } url)
                yield return (c, url, LineAddress.Parse(url, schema.LineKind, BaseDirectory));
    }

    /// <summary>The same file with the values of some scalar nodes replaced (comments and layout kept, each value on its line).</summary>
    public string Rewrite(IEnumerable<(ConfigNode Node, string Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder(Text);
        foreach (var (node, value) in values.OrderByDescending(v => v.Node.Span.Start))
        {
            if (!node.IsScalar) throw new ArgumentException($"{node.Location}: only single values can be rewritten");
            var (start, end) = node.Span;
            text.Remove(start, end - start).Insert(start, Quote(value));
        }
        return text.ToString();
    }

    // Two controllers on one port would drive each other's devices: refuse at load, naming both.
    private void CheckAddresses()
    {
        var seen = new Dictionary<string, (ControllerConfig Controller, ConfigNode Url)>(StringComparer.Ordinal);
        foreach (var (controller, url, address) in Addresses())
        {
            if (address.Scheme != "tty" && address.Port == 0) continue;
            var key = address.Scheme == "tty" ? $"tty {address.Path}" : $"{(address.IsTcp ? "tcp" : "udp")} port {address.Port} of {Loopback(address.Host!)}";
            if (seen.TryGetValue(key, out var first))
                throw url.Error(null, $"{key} is used by both '{first.Controller.Name}' ({first.Url.Location}) and '{controller.Name}'; " +
                                      "give each controller its own url:");
            seen[key] = (controller, url);
        }
    }

    private static string Loopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) ? "127.0.0.1" : host.ToLowerInvariant();

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Deepest nesting of lists and mappings accepted; beamline files nest about 6 deep.</summary>
    public const int MaxDepth = 64;

    // YamlStream builds nodes recursively: a few thousand nested '{' or '[' overflow the stack and kill the process
    // (found by fuzzing). YamlDotNet's event parser keeps its state on the heap, so the depth is checked with it first.
    /// <summary>The first YAML document of <paramref name="yaml"/> as a located node; invalid YAML, too deep a nesting or an empty text is a
    /// <see cref="ConfigException"/> naming <paramref name="source"/>:line (<paramref name="whenEmpty"/> says what an empty file lacks).</summary>
    public static ConfigNode ParseDocument(string yaml, string source, string whenEmpty)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return ReadRoot(yaml, source) ?? throw new ConfigException($"{source}:1:1", null, whenEmpty);
    }

    private static void CheckDepth(string yaml, string source)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                        throw new ConfigException($"{source}:{parser.Current.Start.Line}:{parser.Current.Start.Column}", null,
                            $"lists and mappings nest deeper than {MaxDepth} levels here; a beamline file needs a handful");
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    /// <summary>The controllers whose <c>class:</c> is one of <paramref name="classes"/> (case-insensitive, as BLISS resolves them).</summary>
    public IEnumerable<ControllerConfig> OfClass(params string[] classes) =>
        Controllers.Where(c => classes.Any(k => string.Equals(k, c.Class, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>One controller entry of a beamline file.</summary>
public sealed class ControllerConfig
{
    internal ControllerConfig(ConfigNode node)
    {
        if (!node.IsMapping) throw node.Error(null, "each controller must be a mapping with at least 'class:'");
        Class = node.RequireString("class");
        var axes = node.List("axes");
        Name = node.String("name") ?? (axes.Count > 0 && axes[0].IsMapping ? axes[0].String("name") : null) ?? $"{Class}@{node.Line}";
        // Errors inside this entry name the controller ("rot_ctrl.axes[0].velocity"), not its list index.
        Node = node.WithPath(Name);
        Axes = Node.List("axes");
    }

    public ConfigNode Node { get; }

    /// <summary>BLISS's <c>class:</c>, e.g. <c>elmo</c>, <c>keithley</c>, <c>simplon_detector</c>.</summary>
    public string Class { get; }

    /// <summary><c>name:</c>, else the first axis name, else class@line.</summary>
    public string Name { get; }

    public IReadOnlyList<ConfigNode> Axes { get; }

    /// <summary>The twin-only settings block (<c>twin:</c>), or null.</summary>
    public ConfigNode? Twin => Node.Get("twin");
}
