namespace Testbed.Drivers.Abstractions;

/// <summary>A motor axis as a scan stack sees it (BLISS-like): user and dial positions, motion, homing, jog, power.</summary>
/// <remarks>
/// Positions: <c>user = Sign · dial + Offset</c>; the dial is what the controller holds, in units (not steps).
/// Limits are held in dial units, as in a BLISS beamline file. Every motion method returns when the motion
/// has ended; cancelling its token stops the axis (as Ctrl-C does in BLISS) and then throws. A motion ended by
/// <see cref="StopAsync"/> from another caller returns normally; read the position to see where it stopped.
/// </remarks>
public interface IAxis : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Engineering unit of user and dial positions (e.g. <c>deg</c>, <c>mm</c>); empty when not configured.</summary>
    string Unit { get; }

    /// <summary>+1 or −1: user = Sign · dial + Offset.</summary>
    int Sign { get; }

    double Offset { get; }

    /// <summary>Software limits in dial units; checked before anything is sent for a move.</summary>
    (double Low, double High) DialLimits { get; set; }

    /// <summary>The software limits in user units (swapped when Sign is −1).</summary>
    (double Low, double High) Limits { get; }

    /// <summary>
    /// Backlash in user units (0 for none). A move against its sign first stops short at <c>target − Backlash</c>, then
    /// approaches the target in the backlash's direction, so both legs must lie inside the limits.
    /// </summary>
    double Backlash { get; }

    /// <summary>Current velocity in user units per second (as read back from the controller).</summary>
    double Velocity { get; }

    /// <summary>Current acceleration in user units per second squared (as read back from the controller).</summary>
    double Acceleration { get; }

    /// <summary>Opens the line and runs the controller's start-up sequence (idempotent; motion calls run it when needed).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<double> PositionAsync(CancellationToken cancellationToken = default);

    Task<double> DialAsync(CancellationToken cancellationToken = default);

    Task<AxisState> StateAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves to a user position and waits for the end of the motion (both legs when backlash applies).</summary>
    Task MoveAsync(double target, CancellationToken cancellationToken = default);

    Task MoveRelativeAsync(double delta, CancellationToken cancellationToken = default);

    /// <summary>Stops any motion (move, home, jog) and waits until the axis is at rest.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Searches the home switch in direction <paramref name="direction"/> (+1 or −1) and waits.</summary>
    Task HomeAsync(int direction, CancellationToken cancellationToken = default);

    /// <summary>Runs towards the hardware limit switch in direction <paramref name="direction"/> (+1 or −1) and waits.</summary>
    Task LimitSearchAsync(int direction, CancellationToken cancellationToken = default);

    /// <summary>Starts a continuous motion at a signed user velocity and returns once it has started.</summary>
    Task JogAsync(double velocity, CancellationToken cancellationToken = default);

    Task StopJogAsync(CancellationToken cancellationToken = default);

    Task OnAsync(CancellationToken cancellationToken = default);

    Task OffAsync(CancellationToken cancellationToken = default);

    Task SetVelocityAsync(double velocity, CancellationToken cancellationToken = default);

    Task SetAccelerationAsync(double acceleration, CancellationToken cancellationToken = default);

    /// <summary>Declares the current position to be user position <paramref name="position"/> by changing Offset; the controller is not touched.</summary>
    Task SetPositionAsync(double position, CancellationToken cancellationToken = default);

    /// <summary>Redefines the controller's position as dial <paramref name="dial"/> (the user position follows, Offset unchanged).</summary>
    Task SetDialAsync(double dial, CancellationToken cancellationToken = default);
}

/// <summary>Axis state flags, as BLISS reports them; Ready and Moving are exclusive.</summary>
[Flags]
public enum AxisState
{
    None = 0,
    Ready = 1 << 0,
    Moving = 1 << 1,
    /// <summary>Positive hardware limit switch active.</summary>
    LimPos = 1 << 2,
    /// <summary>Negative hardware limit switch active.</summary>
    LimNeg = 1 << 3,
    /// <summary>Home switch active.</summary>
    Home = 1 << 4,
    /// <summary>The controller reports a fault that stops the axis.</summary>
    Fault = 1 << 5,
    /// <summary>The position loop is open (motor off).</summary>
    ClosedLoopOpen = 1 << 6,
    /// <summary>The drive (amplifier) reports a problem.</summary>
    DriveFault = 1 << 7,
    /// <summary>The inhibit input is active: the motor cannot be switched on.</summary>
    Inhibit = 1 << 8,
    /// <summary>The slave switch input is active (Elmo <c>control_slave</c>).</summary>
    SlaveSwitch = 1 << 9,
}

/// <summary>An axis operation that failed or was refused; the message names the axis and says what to do.</summary>
public class AxisException : DriverException
{
    public AxisException(string axis, string message, Exception? inner = null) : base(axis, message, inner) => Axis = axis;

    public string Axis { get; }
}
