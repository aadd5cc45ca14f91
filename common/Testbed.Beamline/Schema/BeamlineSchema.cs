namespace Testbed.Beamline.Schema;

/// <summary>The controller classes testbed knows, one line per family; both the twin and the drivers check a file against it at load.</summary>
/// <remarks>
/// A key no side reads is reported the same way by every command: an error when it is one or two letters away from a known key
/// (a typo: what was meant is not applied), a warning otherwise (BLISS itself ignores keys it does not read).
/// </remarks>
public static class BeamlineSchema
{
    private static readonly string[] ElmoAxisKeys =
    [
        "name", "unit", "steps_per_unit", "velocity", "acceleration", "backlash", "low_limit", "high_limit", "sign", "offset",
        "tolerance", "polling_time", "user_mode", "control_slave", "home_position", "jog_velocity", "velocity_low_limit",
        "velocity_high_limit", "home_velocity", "encoder", "read_position", "check_encoder", "check_discrepancy", "disabled_cache",
    ];

    public static IReadOnlyList<ControllerSchema> Controllers { get; } =
    [
        new(["elmo", "Elmo_whistle"], ["class", "name", "plugin", "udp", "serial", "axes", "encoders", "twin"],
            ("udp", ["url", "timeout", "attempts", "eol"]), LineKind.Udp, ("axes", ElmoAxisKeys)),
        new(["keithley"], ["class", "name", "plugin", "model", "auto_zero", "display_enable", "serial", "sensors", "twin"],
            ("serial", ["url", "baudrate", "bytesize", "parity", "stopbits", "timeout", "xonxoff", "rtscts", "dsrdtr", "eol"]), LineKind.Serial,
            ("sensors", ["name", "address", "nplc", "auto_range", "range", "zero_check", "zero_correct", "meas_func", "unit"])),
        new(["simplon_detector"], ["class", "name", "plugin", "http", "data_root", "frames_per_file", "twin"],
            ("http", ["url", "timeout"]), LineKind.Http, PathKeys: ["data_root"]),
    ];

    /// <summary>The schema of <paramref name="class"/>, or null for a class testbed does not know.</summary>
    public static ControllerSchema? Of(string @class) => Controllers.FirstOrDefault(s => s.Serves(@class));

    /// <summary>Checks every known controller's keys; returns the warnings (file:line: …) and throws on a typo.</summary>
    /// <exception cref="ConfigException">A key that is a near miss of a known one.</exception>
    public static IReadOnlyList<string> Check(IEnumerable<ControllerConfig> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        var warnings = new List<string>();
        foreach (var c in controllers)
        {
            if (Of(c.Class) is not { } schema) continue;
            c.Node.CheckKeys(schema.Keys, warnings);
            if (c.Node.Get(schema.Line.Key) is { IsMapping: true } line) line.CheckKeys(schema.Line.Keys, warnings);
            if (schema.Items is { } items)
                foreach (var item in c.Node.List(items.Key).Where(i => i.IsMapping))
                    item.CheckKeys(items.Keys, warnings);
        }
        return warnings;
    }
}

/// <summary>How a controller's <c>url:</c> reads.</summary>
public enum LineKind
{
    /// <summary><c>host[:port]</c> or <c>udp://host[:port]</c> (Elmo over Ethernet).</summary>
    Udp,

    /// <summary>A tty path, <c>tcp://</c>, <c>socket://</c>, <c>rfc2217://</c> or <c>ser2net://host:port/dev/x</c>.</summary>
    Serial,

    /// <summary><c>http://host:port</c>.</summary>
    Http,
}
