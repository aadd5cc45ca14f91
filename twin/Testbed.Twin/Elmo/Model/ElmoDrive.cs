namespace Testbed.Twin.Elmo.Model;

/// <summary>A simulated Elmo drive: registers, motion profiler, switches, homing and faults, evaluated analytically at the clock's current time (no I/O).</summary>
/// <remarks>
/// Every public member is thread-safe. State changes happen only in commands (the protocol adapter calls them)
/// and in the fault/input methods; between commands the motion is a closed-form <see cref="Trajectory"/>, and events
/// (limit switches, home and index crossings, position-fault limits, following error) are found exactly on it
/// whenever time is read.
/// </remarks>
public sealed partial class ElmoDrive
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly long _epoch;
    private readonly double _tau;
    private readonly Random _noise;

    private double _now;
    private Trajectory _trajectory;
    private double _profilerEnd;
    private bool _blocked;
    private bool _clipped;
    private bool _motorOn;
    private int _unitMode;
    private long _target;
    private long _relative;
    private double _auxOffset;
    private bool _jogPending;
    private bool _hasTarget;
    private ElmoError _lastError;

    /// <summary>Creates a drive in its power-up state (spec §3.11) on <paramref name="clock"/>.</summary>
    public ElmoDrive(TimeProvider clock, ElmoDriveSettings? settings = null)
    {
        Settings = settings ?? new ElmoDriveSettings();
        Settings.Validate();
        _clock = clock;
        _epoch = clock.GetTimestamp();
        _tau = Settings.PositionLag.TotalSeconds;
        _noise = new Random(Settings.Seed);
        Parameters = new ElmoParameters(Settings);
        _unitMode = Settings.UnitMode;
        _target = Settings.InitialPosition;
        var start = new MotionState(0, Settings.InitialPosition, 0, Settings.InitialPosition);
        _trajectory = Trajectory.Hold(start, _tau, Settings.InitialPosition);
        _watches = [WatchForwardLimit, WatchReverseLimit, WatchFaultHigh, WatchFaultLow, WatchFollowing, WatchHomeEnterUp, WatchHomeEnterDown, WatchIndex];
        if (Settings.MotorOnAtPowerUp) MotorOn();
    }

    public ElmoDriveSettings Settings { get; }

    public TimeProvider Clock => _clock;

    internal ElmoParameters Parameters { get; }

    /// <summary>The lock the protocol adapter holds while it runs one datagram, so a datagram's commands see one consistent drive.</summary>
    internal object Gate => _gate;

    /// <summary>Virtual time since the drive was created.</summary>
    public TimeSpan Time => _clock.GetElapsedTime(_epoch);

    public ElmoDriveSnapshot Snapshot()
    {
        lock (_gate)
        {
            var s = Current();
            return new ElmoDriveSnapshot(TimeSpan.FromSeconds(s.Time), _motorOn, _unitMode, s.Actual, s.Reference, s.Velocity, _target,
                MotionStatusAt(s.Time), StatusRegister, InputPort, MotorFault, _lastError, HomingArmed, StoppedByLimit);
        }
    }

    // ---- register reads (each advances the model to the current time first)

    public bool IsMotorOn { get { lock (_gate) { Current(); return _motorOn; } } }

    public int UnitMode { get { lock (_gate) return _unitMode; } }

    /// <summary>PX as reported: rounded, with noise, wrapped into [XM[1], XM[2]).</summary>
    public long Position
    {
        get
        {
            lock (_gate)
            {
                var x = Current().Actual;
                if (Settings.PositionNoise > 0) x += Settings.PositionNoise * Gaussian();
                return Wrap(Round(x));
            }
        }
    }

    public long AuxPosition { get { lock (_gate) return Round(Current().Actual * Settings.AuxPositionRatio + _auxOffset); } }

    /// <summary>PA: the last programmed absolute target.</summary>
    public long Target { get { lock (_gate) return _target; } }

    public long RelativeTarget { get { lock (_gate) return _relative; } }

    /// <summary>DV[3].</summary>
    public long ReferencePosition { get { lock (_gate) return Round(Current().Reference); } }

    /// <summary>DV[2].</summary>
    public long ReferenceVelocity { get { lock (_gate) return Round(Current().Velocity); } }

    /// <summary>PE = DV[3] − PX.</summary>
    public long PositionError { get { lock (_gate) { var s = Current(); return Round(s.Reference - s.Actual); } } }

    /// <summary>VX: the actual velocity, dPX/dt.</summary>
    public long Velocity
    {
        get
        {
            lock (_gate)
            {
                var s = Current();
                return Round(_tau > 0 ? (s.Reference - s.Actual) / _tau : s.Velocity);
            }
        }
    }

    public int MotionStatus { get { lock (_gate) return MotionStatusAt(Current().Time); } }

    public long StatusRegister
    {
        get
        {
            lock (_gate)
            {
                var t = Current().Time;
                var status = new ElmoStatus(_amplifierCode, _motorOn, _motorFault != 0, MotionStatusAt(t), _unitMode, HomingArmed, StoppedByLimit);
                return ElmoStatusRegister.Compose(Settings.Personality, status, Settings.GoldMotionBit);
            }
        }
    }

    public long InputPort { get { lock (_gate) return ElmoInputPort.Compose(Settings.Personality, ActiveFunctions(Current().Actual), _digitalInputs); } }

    public long MotorFault { get { lock (_gate) { Current(); return _motorFault; } } }

    /// <summary>SR bit 28: a limit switch (or the VL[3]/VH[3] clip) holds the command.</summary>
    public bool StoppedByLimit { get { lock (_gate) return _blocked || _clipped; } }

    /// <summary>EC: the code of the last failed command (0 before the first failure).</summary>
    public ElmoError LastError { get { lock (_gate) return _lastError; } }

    /// <summary>Reads EC the way the EC command does (clears it when <see cref="ElmoDriveSettings.ErrorCodeClearedOnRead"/>).</summary>
    public ElmoError ReadErrorCode()
    {
        lock (_gate)
        {
            var e = _lastError;
            if (Settings.ErrorCodeClearedOnRead) _lastError = ElmoError.None;
            return e;
        }
    }

    /// <summary>Records a failed command's code for EC.</summary>
    public void RecordError(ElmoError error)
    {
        lock (_gate) _lastError = error;
    }

    private MotionState Current()
    {
        var t = _clock.GetElapsedTime(_epoch).TotalSeconds;
        AdvanceTo(t);
        return _trajectory.At(Math.Max(t, _now));
    }

    private int MotionStatusAt(double t)
    {
        if (!_motorOn) return 1;
        // Speed mode: 2 while the speed reference still ramps toward JV, then 1 (§3.4).
        if (_unitMode == 2) return t < _trajectory.Last.T0 || (_blocked && t < _profilerEnd && _trajectory.Last.V0 != 0) ? 2 : 1;
        if (t < _profilerEnd) return 2;
        if (!Settings.MotionStatusZeroAfterMotorOn && !_hasTarget) return 1;
        var hold = _trajectory.Last;
        var error = Math.Abs(hold.P0 - hold.X0);
        var radius = Math.Max(Parameters.Target[1], 0.5);
        var inRadius = hold.T0 + (error > radius && _tau > 0 ? _tau * Math.Log(error / radius) : 0);
        return t >= inRadius + Parameters.Target[2] / 1000.0 ? 0 : 1;
    }

    private long Wrap(long x)
    {
        long lo = Parameters.Modulo[1], hi = Parameters.Modulo[2];
        if (x >= lo && x < hi) return x;
        var span = hi - lo;
        return lo + (((x - lo) % span) + span) % span;
    }

    internal static long Round(double x) =>
        double.IsFinite(x) ? (long)Math.Round(Math.Clamp(x, long.MinValue / 2.0, long.MaxValue / 2.0), MidpointRounding.AwayFromZero) : 0;

    private double Gaussian()
    {
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
