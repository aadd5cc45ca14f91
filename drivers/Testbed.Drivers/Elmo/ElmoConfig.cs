using System.Globalization;
using Testbed.Beamline;

namespace Testbed.Drivers.Elmo;

/// <summary>Maps a BLISS <c>class: elmo</c> controller entry (<c>udp:</c>, one axis) to driver settings; errors are <see cref="ConfigException"/> with file:line.</summary>
public static class ElmoConfig
{
    /// <summary>Controller classes this driver serves (BLISS resolves the lower-case name via title case).</summary>
    public static readonly string[] Classes = ["elmo"];

    private static readonly string[] ControllerKeys = ["class", "name", "plugin", "udp", "serial", "axes", "encoders", "twin"];

    private static readonly string[] AxisKeys =
    [
        "name", "unit", "steps_per_unit", "velocity", "acceleration", "backlash", "low_limit", "high_limit", "sign", "offset",
        "tolerance", "polling_time", "user_mode", "control_slave", "home_position", "jog_velocity", "velocity_low_limit",
        "velocity_high_limit", "home_velocity", "encoder", "read_position", "check_encoder", "check_discrepancy", "disabled_cache",
    ];

    /// <summary>The controller settings (address, timeout) of an <c>elmo</c> entry.</summary>
    public static ElmoControllerSettings Controller(ControllerConfig controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var node = controller.Node;
        node.ExpectOnly(ControllerKeys);
        if (node.Get("serial") is not null && node.Get("udp") is null)
            throw node.Error("serial", "this Elmo driver talks UDP only (Gold line over Ethernet); give 'udp: {url: host[:port]}'");
        var udp = node.Require("udp");
        udp.ExpectOnly("url", "timeout", "eol");
        var url = udp.Require("url");
        var (host, port) = ParseUrl(url);
        var timeout = udp.Seconds("timeout", 5.0);
        if (timeout <= TimeSpan.Zero) throw udp.Error("timeout", $"timeout must be a positive number of seconds, not {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
        return new ElmoControllerSettings { Name = controller.Name, Host = host, Port = port, Timeout = timeout };
    }

    /// <summary>The single axis of an <c>elmo</c> entry (one drive drives one axis, as in BLISS).</summary>
    public static ElmoAxisSettings Axis(ControllerConfig controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (controller.Axes.Count != 1)
            throw controller.Node.Error(controller.Axes.Count == 0 ? null : "axes",
                $"an elmo controller drives exactly one axis, but {controller.Axes.Count} are listed; give each drive its own controller entry");
        var a = controller.Axes[0];
        a.ExpectOnly(AxisKeys);
        var name = a.RequireString("name");
        var spu = a.RequireDouble("steps_per_unit");
        if (spu == 0) throw a.Error("steps_per_unit", "steps_per_unit must not be 0 (counts per unit; negative reverses the direction)");
        var velocity = Positive(a, "velocity", a.RequireDouble("velocity"));
        var acceleration = Positive(a, "acceleration", a.RequireDouble("acceleration"));
        var sign = a.Int("sign", 1);
        if (sign is not (1 or -1)) throw a.Error("sign", $"sign must be 1 or -1, not {sign}");
        var low = a.Double("low_limit", double.NegativeInfinity);
        var high = a.Double("high_limit", double.PositiveInfinity);
        if (low > high) throw a.Error("low_limit", $"low_limit ({low}) is above high_limit ({high})");
        var tolerance = a.Double("tolerance", 1e-4);
        if (tolerance < 0) throw a.Error("tolerance", "tolerance must not be negative");
        var polling = Positive(a, "polling_time", a.Seconds("polling_time", 0.02).TotalSeconds);
        var jog = a.Double("jog_velocity");
        return new ElmoAxisSettings
        {
            Name = name,
            Unit = a.String("unit") ?? "",
            StepsPerUnit = spu,
            Velocity = velocity,
            Acceleration = acceleration,
            Backlash = a.Double("backlash", 0),
            LowLimit = low,
            HighLimit = high,
            Sign = sign,
            Offset = a.Double("offset", 0),
            Tolerance = tolerance,
            PollingTime = TimeSpan.FromSeconds(polling),
            UserMode = a.Int("user_mode", 5),
            ControlSlave = a.Bool("control_slave", false),
            HomePosition = a.Double("home_position", 0),
            JogVelocity = jog,
            VelocityLowLimit = a.Double("velocity_low_limit", 0),
            VelocityHighLimit = a.Double("velocity_high_limit", double.PositiveInfinity),
        };
    }

    // host, host:port, or udp://host[:port]; BLISS adds port 5001 when none is given.
    private static (string Host, int Port) ParseUrl(ConfigNode url)
    {
        var text = url.AsString().Trim();
        if (text.StartsWith("udp://", StringComparison.OrdinalIgnoreCase)) text = text[6..];
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text[..colon];
        if (host.Length == 0 || host.Contains('/') || host.Contains(' '))
            throw url.Error(null, $"'{url.AsString()}' is not host[:port], e.g. 127.0.0.1:5001 or drive1");
        if (colon < 0) return (host, ElmoControllerSettings.DefaultPort);
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw url.Error(null, $"'{text[(colon + 1)..]}' is not a UDP port (1..65535) in url '{url.AsString()}'");
        return (host, port);
    }

    private static double Positive(ConfigNode axis, string key, double value) =>
        value > 0 ? value : throw axis.Error(key, $"{key} must be positive, not {value.ToString(CultureInfo.InvariantCulture)}");
}
