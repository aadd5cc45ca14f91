using System.Globalization;
using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Elmo;

/// <summary>An axis on one Elmo drive, with BLISS's axis-layer semantics: units, sign/offset, backlash, soft limits, discrepancy check, monitor loop.</summary>
/// <remarks>
/// dial = counts / steps_per_unit; user = sign · dial + offset. The first operation runs the first-contact sequence
/// (<c>VR</c>, then <c>UM</c>, <c>MO</c>, … <c>AC</c>); <see cref="InitializeAsync"/> runs it explicitly.
/// Every wait (polling, pauses) goes through the injected <see cref="TimeProvider"/>.
/// </remarks>
public sealed partial class ElmoAxis : IAxis
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly Lock _sync = new();
    private bool _initialized;
    private double? _dial;
    private double _velocitySetting;
    private (double Low, double High) _dialLimits;

    /// <param name="settings">The axis of the beamline file.</param>
    /// <param name="controller">Its drive.</param>
    /// <param name="time">Pauses and polling.</param>
    /// <param name="wireTime">Reply timeouts (default: <paramref name="time"/>; see <see cref="ElmoController"/>).</param>
    public ElmoAxis(ElmoAxisSettings settings, ElmoControllerSettings controller, TimeProvider? time = null, TimeProvider? wireTime = null)
        : this(new ElmoController(controller, settings, time, wireTime))
    {
    }

    /// <summary>An axis on <paramref name="controller"/>, using its settings and clock; the axis owns and disposes it.</summary>
    public ElmoAxis(ElmoController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var s = controller.Axis;
        if (s.StepsPerUnit == 0 || !double.IsFinite(s.StepsPerUnit)) throw new ArgumentException($"axis {s.Name}: steps_per_unit must be a non-zero number", nameof(controller));
        if (s.Sign is not (1 or -1)) throw new ArgumentException($"axis {s.Name}: sign must be 1 or -1", nameof(controller));
        Controller = controller;
        _time = controller.Time;
        Offset = s.Offset;
        _velocitySetting = s.Velocity;
        Velocity = s.Velocity;
        Acceleration = s.Acceleration;
        DialLimits = (s.LowLimit, s.HighLimit);
    }

    public ElmoController Controller { get; }

    public ElmoAxisSettings Settings => Controller.Axis;

    public string Name => Settings.Name;

    public string Unit => Settings.Unit;

    public int Sign => Settings.Sign;

    public double Offset { get; private set; }

    public double StepsPerUnit => Settings.StepsPerUnit;

    public double Velocity { get; private set; }

    public double Acceleration { get; private set; }

    /// <summary>
    /// The dial position this axis last set or saw at the end of its own operations (BLISS's cached dial), or null before the first read.
    /// A move is refused when the controller differs from it by more than the tolerance.
    /// </summary>
    public double? LastDial => _dial;

    public (double Low, double High) DialLimits
    {
        get => _dialLimits;
        set
        {
            if (double.IsNaN(value.Low) || double.IsNaN(value.High) || value.Low > value.High)
                throw new ArgumentException($"axis {Name}: the low limit ({value.Low}) must not be above the high limit ({value.High})", nameof(value));
            _dialLimits = value;
        }
    }

    public double Backlash => Settings.Backlash;

    public (double Low, double High) Limits
    {
        get
        {
            var a = DialToUser(_dialLimits.Low);
            var b = DialToUser(_dialLimits.High);
            return (Math.Min(a, b), Math.Max(a, b));
        }
    }

    /// <summary>First contact and axis initialisation (VR with the short timeout, UM, MO, [set-on], UM, SP=, SP, SP, AC=, DC=, AC, AC). Runs once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            await Controller.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await Controller.InitializeAxisAsync(cancellationToken).ConfigureAwait(false);
            await ApplyVelocityAsync(_velocitySetting, cancellationToken).ConfigureAwait(false);
            await ApplyAccelerationAsync(Acceleration, cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally { _initGate.Release(); }
    }

    public async Task<double> PositionAsync(CancellationToken cancellationToken = default) =>
        DialToUser(await DialAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Reads the controller's position in dial units (PX while moving, PA at rest). It sets <see cref="LastDial"/> only the first time.</summary>
    public async Task<double> DialAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDialAsync(cancellationToken, remember: _dial is null).ConfigureAwait(false);
    }

    /// <summary>Re-reads state and position from the controller and accepts that position as <see cref="LastDial"/> (BLISS's sync_hard).</summary>
    public async Task SyncHardAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Controller.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        await ReadDialAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AxisState> StateAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Controller.ReadStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task OnAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Controller.SetOnAsync(cancellationToken).ConfigureAwait(false);
        await Controller.ReadStateAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task OffAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Controller.SetOffAsync(cancellationToken).ConfigureAwait(false);
        await Controller.ReadStateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the velocity (user units/s): <c>SP=int(v·|spu|)</c>, <c>SP</c>, <c>SP</c>; <see cref="Velocity"/> is the value read back.</summary>
    public async Task SetVelocityAsync(double velocity, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(velocity) || velocity <= 0)
            throw Refused($"velocity {Format(velocity)} is not allowed; give a positive number of {Unit}/s");
        if (velocity < Settings.VelocityLowLimit || velocity > Settings.VelocityHighLimit)
            throw Refused($"velocity {Format(velocity)} is outside the configured range [{Format(Settings.VelocityLowLimit)}, {Format(Settings.VelocityHighLimit)}]");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await ApplyVelocityAsync(velocity, cancellationToken).ConfigureAwait(false);
        _velocitySetting = velocity;
    }

    /// <summary>Sets the acceleration (user units/s²): <c>AC=n</c>, <c>DC=n</c>, <c>AC</c>, <c>AC</c>; refused while moving.</summary>
    public async Task SetAccelerationAsync(double acceleration, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(acceleration) || acceleration <= 0)
            throw Refused($"acceleration {Format(acceleration)} is not allowed; give a positive number of {Unit}/s²");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (IsBusy || Controller.LastState.HasFlag(AxisState.Moving))
            throw Refused("cannot set acceleration while the axis is moving; stop it first");
        await ApplyAccelerationAsync(acceleration, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetPositionAsync(double position, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(position)) throw Refused($"position {Format(position)} is not a number");
        var dial = await DialAsync(cancellationToken).ConfigureAwait(false);
        Offset = position - Sign * dial;
    }

    /// <summary>Redefines the dial: [<c>OB[1]=0</c>] <c>MO=0</c>, <c>PX=n</c>, [<c>OB[1]=1</c>] <c>MO=1</c>, <c>PA=n</c>, then a position read.</summary>
    public async Task SetDialAsync(double dial, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(dial)) throw Refused($"dial {Format(dial)} is not a number");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfBusy();
        await Controller.SetPositionAsync(ToCounts(dial * StepsPerUnit), cancellationToken).ConfigureAwait(false);
        await ReadDialAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        Controller.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Name} ({Controller.Address})";

    private async Task ApplyVelocityAsync(double velocity, CancellationToken cancellationToken)
    {
        var spu = Math.Abs(StepsPerUnit);
        // Truncation toward zero, as BLISS's %d formatting does.
        await Controller.SetVelocityAsync((long)(velocity * spu), cancellationToken).ConfigureAwait(false);
        Velocity = await Controller.QueryNumberAsync("SP", cancellationToken).ConfigureAwait(false) / spu;
    }

    private async Task ApplyAccelerationAsync(double acceleration, CancellationToken cancellationToken)
    {
        var spu = Math.Abs(StepsPerUnit);
        await Controller.SetAccelerationAsync((long)(acceleration * spu), cancellationToken).ConfigureAwait(false);
        Acceleration = await Controller.QueryIntegerAsync("AC", cancellationToken).ConfigureAwait(false) / spu;
    }

    private async Task<double> ReadDialAsync(CancellationToken cancellationToken, bool remember = true)
    {
        var dial = await Controller.ReadPositionAsync(cancellationToken).ConfigureAwait(false) / StepsPerUnit;
        if (remember) _dial = dial;
        return dial;
    }

    private double DialToUser(double dial) => Sign * dial + Offset;

    private double UserToDial(double user) => (user - Offset) / Sign;

    // Python's round(): ties to even.
    private static long ToCounts(double steps) => (long)Math.Round(steps, MidpointRounding.ToEven);

    private AxisException Refused(string problem) => new(Name, $"axis {Name}: {problem}");

    private static string Format(double x) => x.ToString("G10", CultureInfo.InvariantCulture);
}
