using System.Globalization;

namespace Testbed.Beamline.Faults;

/// <summary>The fault types a beamline file may declare, one line each, and the reader of a <c>faults:</c> list (file:line errors naming the key).</summary>
/// <remarks>
/// <code>
/// - class: faults
///   faults:
///     - {type: drop, target: tx_ctrl, at: 2, for: 1, percent: 50}
///     - {type: stall, target: tx, on: {command: PA, count: 5}}
///     - {type: beam_loss, target: world, on: {device: det1, frame: 10}, for: 0.5}
/// </code>
/// The same list may stand at the top of a mapping-form file (<c>controllers:</c> + <c>faults:</c>).
/// </remarks>
public static class FaultSchema
{
    /// <summary>The class of the entry holding a <c>faults:</c> list in a list-form beamline file.</summary>
    public const string Class = "faults";

    private static readonly string[] Elmo = ["elmo", "Elmo_whistle"];
    private static readonly string[] Serial = ["keithley"];
    private static readonly string[] Detector = ["simplon_detector"];
    private static readonly string[] World = ["world"];

    public static IReadOnlyList<FaultType> Types { get; } =
    [
        new("drop", "link", [.. Elmo], "request datagrams are lost, unanswered", [("percent", 0, 100, 100)]),
        new("garble", "link", [.. Serial, .. Elmo], "bytes the device sends are corrupted (line noise)", [("percent", 0, 100, 10)]),
        new("disconnect", "link", [.. Elmo, .. Serial, .. Detector], "the link is dead: nothing is answered, TCP and HTTP connections are cut off and refused"),
        new("stall", "device", [.. Elmo], "the axis is blocked: a move latches MF 0x200000 (motor stuck) and switches the motor off"),
        new("following_error", "device", [.. Elmo], "MF 0x100 (position tracking) latches, the motor switches off"),
        new("motor_fault", "device", [.. Elmo], "an amplifier fault: SR bits 0-3 hold its code, MO=1 is refused until cleared",
            Choices: [("code", ["under_voltage", "over_voltage", "short_circuit", "over_temperature", "safety_alarm"])]),
        new("limit_switch", "device", [.. Elmo], "a hardware limit switch is active wherever the axis is",
            Choices: [("side", ["forward", "reverse"])]),
        new("scpi_error", "device", [.. Serial], "the instrument refuses commands (default: the reading ones) with a SCPI error: queued for SYST:ERR?, no reply",
            Choices: [("code", ["-200", "-210", "-211", "-213", "-214", "-221", "-222", "-224", "-230", "-240", "-241", "-300", "-310", "-350"])],
            Texts: [("command", ScpiHeader, "a SCPI header such as READ?, MEAS? or SENS:CURR:NPLC")]),
        new("overflow", "device", [.. Serial], "every reading is the overflow value +9.9E37 (the input beyond the range)"),
        new("disk_full", "device", [.. Detector], "the detector's data disk has no space left: the next frame fails the series"),
        new("beam_loss", "world", [.. World], "the source delivers no beam"),
        new("intensity_drop", "world", [.. World], "the source intensity is multiplied by factor", [("factor", 0, 1, null)]),
        new("delay", "link", [.. Elmo, .. Serial, .. Detector], "each reply leaves ms of twin time after its request was handled", [("ms", 0, 60000, 200)]),
        new("duplicate", "link", [.. Elmo], "reply datagrams are sent twice", [("percent", 0, 100, 100)]),
        new("split", "link", [.. Serial, .. Elmo], "each reply is sent in parts pieces (UDP: datagrams), gap_ms of twin time apart", [("parts", 2, 16, 2), ("gap_ms", 0, 60000, 1)]),
        new("reorder", "link", [.. Elmo], "a reply is held back and sent after the next one (or alone after ms of twin time)", [("percent", 0, 100, 100), ("ms", 1, 60000, 100)]),
        new("dropped_frames", "device", [.. Detector], "frames are lost between the sensor and the files: percent of the frames made while it holds are never written", [("percent", 0, 100, 100)]),
        new("slow_disk", "device", [.. Detector], "each frame's write takes ms longer (twin time): frames queue, the series ends later, none is lost", [("ms", 0, 600_000, 100)]),
        new("top_up", "world", [.. World], "a top-up injection: the source is refilled to full when it fires, its intensity multiplied by factor while it holds", [("factor", 0, 1, 1)]),
    ];

    // A SCPI header as a user writes it: *IDN?, READ?, :SENS1:CURR:NPLC, meas:curr:dc? (the twin matches it against the instrument's table).
    private const string ScpiHeader = @"^(\*[A-Za-z]+|:?[A-Za-z]+[0-9]*(:[A-Za-z]+[0-9]*)*)\??$";

    private static readonly string[] EntryKeys = ["name", "type", "target", "at", "on", "for"];
    private static readonly string[] OnKeys = ["device", "command", "frame", "count"];

    /// <summary>The type called <paramref name="name"/>, or null.</summary>
    public static FaultType? Of(string name) => Types.FirstOrDefault(t => t.Name == name);

    /// <summary>Reads every <c>faults:</c> list of the file (top-level key and <c>class: faults</c> entries), checking targets against its controllers.</summary>
    public static IReadOnlyList<FaultDeclaration> Read(ConfigNode root, IReadOnlyList<ControllerConfig> controllers)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(controllers);
        var lists = new List<ConfigNode>();
        if (root.IsMapping && root.Get("faults") is { } top) lists.Add(top);
        foreach (var entry in controllers.Where(c => string.Equals(c.Class, Class, StringComparison.OrdinalIgnoreCase)))
        {
            entry.Node.ExpectOnly("class", "name", "faults");
            // Errors name the list as the file spells it ("faults[2].percent"), not the entry's class@line.
            if (entry.Node.WithPath("").Get("faults") is { } list) lists.Add(list);
        }
        var faults = new List<FaultDeclaration>();
        foreach (var node in lists.SelectMany(l => l.Items()))
        {
            var fault = Read(node, controllers, faults.Count);
            if (faults.FirstOrDefault(f => f.Name == fault.Name) is { } dup)
                throw node.Error("name", $"fault name '{fault.Name}' is used twice (first at {dup.Node?.Location}); give each its own name:");
            faults.Add(fault);
        }
        return faults;
    }

    /// <summary>Reads one fault entry; <paramref name="index"/> numbers its default name.</summary>
    public static FaultDeclaration Read(ConfigNode node, IReadOnlyList<ControllerConfig> controllers, int index)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!node.IsMapping) throw node.Error(null, "each fault is a mapping, e.g. {type: drop, target: tx_ctrl, at: 2, percent: 50}");
        var typeName = node.RequireString("type");
        var type = Of(typeName) ?? throw node.Error("type",
            $"unknown fault type '{typeName}'{Hint(typeName, Types.Select(t => t.Name))}; types: {string.Join(", ", Types.Select(t => t.Name))}");
        var keys = EntryKeys.Concat(type.Numbers?.Select(n => n.Key) ?? []).Concat(type.Choices?.Select(c => c.Key) ?? [])
            .Concat(type.Texts?.Select(t => t.Key) ?? []).ToArray();
        node.ExpectOnly(keys);
        var (device, axis, @class) = Target(node.Require("target"), controllers);
        if (!type.Fits(@class))
            throw node.Error("target", $"{Article(type.Name)} {type.Name} fault hits {string.Join(" or ", type.Classes)} entries, and '{device}' is class {@class}");
        if (node.Get("at") is not null && node.Get("on") is not null) throw node.Error("on", "give either at: (seconds) or on: (an event), not both");
        var start = node.Get("on") is { } on ? Event(on, device, controllers)
            : node.Get("at") is not null ? new FaultStartDeclaration(node.Seconds("at", 0)) : FaultStartDeclaration.Now;
        TimeSpan? duration = node.Get("for") is not null ? node.Seconds("for", 0) : null;
        if (duration == TimeSpan.Zero) throw node.Error("for", "a fault lasts longer than 0 s; leave for: out to keep it until cleared");
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, min, max, fallback) in type.Numbers ?? [])
        {
            var value = node.Double(key) ?? fallback ?? throw node.Error(null, $"{Article(type.Name)} {type.Name} fault needs '{key}' ({min.ToString(CultureInfo.InvariantCulture)}…{max.ToString(CultureInfo.InvariantCulture)})");
            if (value < min || value > max)
                throw node.Error(key, $"{value.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}…{max.ToString(CultureInfo.InvariantCulture)}");
            if (key == "parts" && value != Math.Floor(value)) throw node.Error(key, $"{value.ToString(CultureInfo.InvariantCulture)} is not a whole number of parts");
            numbers[key] = value;
        }
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, allowed) in type.Choices ?? [])
            choices[key] = node.Get(key) is { } c ? c.AsChoice([.. allowed]).ToLowerInvariant() : allowed[0];
        foreach (var (key, pattern, expected) in type.Texts ?? [])
            if (node.String(key) is { } text)
                choices[key] = System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), pattern) ? text.Trim() : throw node.Error(key, $"'{text}' is not {expected}");
        var name = node.String("name") ?? $"{type.Name}-{index + 1}";
        return new FaultDeclaration(name, type.Name, device, axis, start, duration, numbers, choices, node);
    }

    /// <summary>Reads one fault written as the text of a file entry (a JSON object or a YAML flow mapping with the same keys:
    /// <c>{"type": "drop", "target": "tx_ctrl", "percent": 50}</c>), checked against <paramref name="controllers"/> exactly as a file's list is.</summary>
    /// <param name="text">The entry.</param>
    /// <param name="source">What errors are located in (e.g. <c>POST /api/faults</c>).</param>
    /// <param name="controllers">The beamline's controllers (the targets).</param>
    /// <param name="index">Numbers the default name (<c>&lt;type&gt;-&lt;index + 1&gt;</c>).</param>
    /// <exception cref="ConfigException">Not a mapping, or an entry a file could not hold; <see cref="ConfigException.Key"/> names the key.</exception>
    public static FaultDeclaration Parse(string text, string source, IReadOnlyList<ControllerConfig> controllers, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(controllers);
        var node = BeamlineConfig.ReadRoot(text, source) ?? throw new ConfigException(source, null, "no fault given; send e.g. {\"type\": \"drop\", \"target\": \"tx_ctrl\"}");
        return Read(node, controllers, index);
    }

    // A controller name, an axis name (its controller), or the world entry's name.
    private static (string Device, string? Axis, string Class) Target(ConfigNode target, IReadOnlyList<ControllerConfig> controllers)
    {
        var name = target.AsString();
        if (controllers.FirstOrDefault(c => c.Name == name && c.Class != Class) is { } controller) return (controller.Name, null, controller.Class);
        foreach (var c in controllers)
            if (c.Axes.Any(a => a.IsMapping && a.String("name") == name)) return (c.Name, name, c.Class);
        if (name == "world" && controllers.FirstOrDefault(c => string.Equals(c.Class, "world", StringComparison.OrdinalIgnoreCase)) is { } world)
            return (world.Name, null, world.Class);
        var known = controllers.Where(c => c.Class != Class).Select(c => c.Name)
            .Concat(controllers.SelectMany(c => c.Axes).Where(a => a.IsMapping).Select(a => a.String("name") ?? "")).Where(n => n.Length > 0).ToList();
        throw target.Error(null, $"no controller or axis '{name}' in this file{Hint(name, known)}; targets: {string.Join(", ", known)}");
    }

    private static FaultStartDeclaration Event(ConfigNode on, string target, IReadOnlyList<ControllerConfig> controllers)
    {
        if (!on.IsMapping) throw on.Error(null, "on: is an event, e.g. {command: PA, count: 5} or {device: det1, frame: 10}");
        on.ExpectOnly(OnKeys);
        var (device, _, @class) = on.Get("device") is { } d ? Target(d, controllers) : (target, null, controllers.First(c => c.Name == target).Class);
        if (on.Get("command") is not null && on.Get("frame") is not null) throw on.Error("frame", "count either a command or frames, not both");
        if (on.Get("frame") is { } frame)
        {
            if (on.Get("count") is not null) throw on.Error("count", "frame: is the frame number already; leave count: out");
            if (!Detector.Contains(@class, StringComparer.OrdinalIgnoreCase))
                throw on.Error("frame", $"frames are counted on a simplon_detector, and '{device}' is class {@class}");
            return new FaultStartDeclaration(null, device, "frame", null, Positive(frame));
        }
        var command = on.Get("command") ?? throw on.Error(null, "an event needs command: (e.g. PA) or frame: (e.g. 10)");
        // A Keithley counts SCPI commands, matched as the instrument matches them (case, short or long form: the twin checks the header).
        if (Serial.Contains(@class, StringComparer.OrdinalIgnoreCase))
        {
            var header = command.AsString().Trim();
            if (!System.Text.RegularExpressions.Regex.IsMatch(header, ScpiHeader))
                throw on.Error("command", $"'{command.AsString()}' is not a SCPI header; write one such as READ?, MEAS? or SENS:CURR:NPLC");
            return new FaultStartDeclaration(null, device, "command", header.ToUpperInvariant(), on.Get("count") is { } c ? Positive(c) : 1);
        }
        if (!Elmo.Contains(@class, StringComparer.OrdinalIgnoreCase))
            throw on.Error("command", $"commands are counted on Elmo drives and Keithleys, and '{device}' is class {@class}");
        // "PA" counts every PA statement, "PA=" only assignments.
        var mnemonic = command.AsString().Trim().ToUpperInvariant();
        if (mnemonic.Length is < 2 or > 3 || !mnemonic[..2].All(char.IsAsciiLetter) || (mnemonic.Length == 3 && mnemonic[2] != '='))
            throw on.Error("command", $"'{command.AsString()}' is not an Elmo mnemonic; write two letters, e.g. BG, or PA= for assignments only");
        return new FaultStartDeclaration(null, device, "command", mnemonic, on.Get("count") is { } n ? Positive(n) : 1);
    }

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static long Positive(ConfigNode n) => n.AsLong() is var v and >= 1 ? v : throw n.Error(null, $"{n.AsString()} is not a count; counting starts at 1");

    private static string Hint(string word, IEnumerable<string> known) => Spelling.Nearest(word, known) is { } h ? $" (did you mean '{h}'?)" : "";
}
