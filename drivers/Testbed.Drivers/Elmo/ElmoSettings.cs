namespace Testbed.Drivers.Elmo;

/// <summary>How to reach one Elmo drive (a BLISS <c>class: elmo</c> controller entry).</summary>
public sealed record ElmoControllerSettings
{
    /// <summary>BLISS's default Elmo UDP port.</summary>
    public const int DefaultPort = 5001;

    public required string Name { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; } = DefaultPort;

    /// <summary>Per-query timeout (<c>udp: timeout:</c>, default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of the first-contact <c>VR</c> query (BLISS: 50 ms).</summary>
    public TimeSpan FirstContactTimeout { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Attempts per query on timeout (BLISS ≥ 1.7.4: 3).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Pause after every <c>MO=</c> and after the hardware sync of set-on (BLISS: 0.1 s).</summary>
    public TimeSpan PowerSettle { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Pause after <c>BG</c> when a limit switch was active, to leave it (BLISS: 1 s).</summary>
    public TimeSpan LeaveLimitPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>MS polling period while a jog decelerates (BLISS: 10 ms).</summary>
    public TimeSpan JogStopPolling { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary><c>udp://host:port</c>.</summary>
    public string Address => $"udp://{Host}:{Port}";
}

/// <summary>One Elmo axis's settings, in user/dial units as in a BLISS beamline file.</summary>
public sealed record ElmoAxisSettings
{
    public required string Name { get; init; }

    public string Unit { get; init; } = "";

    /// <summary>Counts per dial unit; negative reverses the count direction.</summary>
    public required double StepsPerUnit { get; init; }

    /// <summary>User units per second.</summary>
    public required double Velocity { get; init; }

    /// <summary>User units per second squared.</summary>
    public required double Acceleration { get; init; }

    /// <summary>User units; 0 = none.</summary>
    public double Backlash { get; init; }

    /// <summary>Dial units.</summary>
    public double LowLimit { get; init; } = double.NegativeInfinity;

    /// <summary>Dial units.</summary>
    public double HighLimit { get; init; } = double.PositiveInfinity;

    public int Sign { get; init; } = 1;

    public double Offset { get; init; }

    /// <summary>Allowed dial discrepancy between the last known position and the controller before a move.</summary>
    public double Tolerance { get; init; } = 1e-4;

    public TimeSpan PollingTime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Elmo unit mode (UM); 5 = single-loop position.</summary>
    public int UserMode { get; init; } = 5;

    /// <summary>Drive digital output 1 with the motor power and report input 2 as <see cref="Abstractions.AxisState.SlaveSwitch"/>.</summary>
    public bool ControlSlave { get; init; }

    /// <summary>Raw counts given to PX at the home event (HM[2]).</summary>
    public double HomePosition { get; init; }

    /// <summary>Default jog velocity in user units per second, when configured.</summary>
    public double? JogVelocity { get; init; }

    /// <summary>Velocity bounds checked before SP= is sent (user units per second).</summary>
    public double VelocityLowLimit { get; init; }

    public double VelocityHighLimit { get; init; } = double.PositiveInfinity;
}
