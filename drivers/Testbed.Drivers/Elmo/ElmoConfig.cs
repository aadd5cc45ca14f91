using System.Globalization;
using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;

namespace Testbed.Drivers.Elmo;

/// <summary>Maps a BLISS <c>class: elmo</c> controller entry (<c>udp:</c>, one axis) to driver settings; errors are <see cref="ConfigException"/> with file:line.</summary>
public static class ElmoConfig
{
    /// <summary>Controller classes this driver serves (BLISS resolves the lower-case name via title case).</summary>
    public static readonly string[] Classes = ["elmo"];

    /// <summary>The controller settings (address, timeout) of an <c>elmo</c> entry.</summary>
    public static ElmoControllerSettings Controller(ControllerConfig controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var node = controller.Node;
        if (node.Get("serial") is not null && node.Get("udp") is null)
            throw node.Error("serial", "this Elmo driver talks UDP only (Gold line over Ethernet); give 'udp: {url: host[:port]}'");
        var udp = node.Require("udp");
        var url = udp.Require("url");
        var address = LineAddress.Parse(url, LineKind.Udp, ".");
        if (address.Port == 0)
            throw url.Error(null, "port 0 (any free port) is for the twin; give the port the drive answers on (testbed twin serve --ports free prints a resolved beamline file with it)");
        var (host, port) = (address.Host!, address.Port);
        var timeout = udp.Seconds("timeout", 5.0);
        if (timeout <= TimeSpan.Zero) throw udp.Error("timeout", $"timeout must be a positive number of seconds, not {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
        // attempts: testbed's own key (BLISS always tries 3 times); a lossy network may want more.
        var attempts = udp.Int("attempts", 3);
        if (attempts is < 1 or > 20) throw udp.Error("attempts", $"attempts is 1…20 tries per command (BLISS: 3), not {attempts}");
        return new ElmoControllerSettings { Name = controller.Name, Host = host, Port = port, Timeout = timeout, Attempts = attempts };
    }

    /// <summary>The single axis of an <c>elmo</c> entry (one drive drives one axis, as in BLISS).</summary>
    public static ElmoAxisSettings Axis(ControllerConfig controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (controller.Axes.Count != 1)
            throw controller.Node.Error(controller.Axes.Count == 0 ? null : "axes",
                $"an elmo controller drives exactly one axis, but {controller.Axes.Count} are listed; give each drive its own controller entry");
        var a = controller.Axes[0];
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

    private static double Positive(ConfigNode axis, string key, double value) =>
        value > 0 ? value : throw axis.Error(key, $"{key} must be positive, not {value.ToString(CultureInfo.InvariantCulture)}");
}
