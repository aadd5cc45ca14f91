using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Elmo;

// State, position and first-contact axis initialisation (spec §2.3–§2.5).
public sealed partial class ElmoController
{
    private volatile bool _abortPending;
    private volatile bool _homing;
    private volatile bool _limitSearchDone;

    /// <summary>The unit mode read at axis initialisation (UM), or the configured one before that.</summary>
    public int UnitMode { get; private set; }

    /// <summary>The state decoded by the last state read.</summary>
    public AxisState LastState { get; private set; }

    /// <summary>True while a home search is running (the state then comes from SR bit 7 only).</summary>
    public bool IsHoming => _homing;

    /// <summary>
    /// Axis initialisation: <c>UM</c> [set-user-mode when it differs], <c>MO</c> [set-on when not "1"], <c>UM</c>.
    /// The caller then sets velocity and acceleration.
    /// </summary>
    public async Task InitializeAxisAsync(CancellationToken cancellationToken = default)
    {
        if (await QueryIntegerAsync("UM", cancellationToken).ConfigureAwait(false) != Axis.UserMode)
            await SetUserModeAsync(Axis.UserMode, cancellationToken).ConfigureAwait(false);
        if (await QueryAsync("MO", cancellationToken).ConfigureAwait(false) != "1")
            await SetOnAsync(cancellationToken).ConfigureAwait(false);
        UnitMode = (int)await QueryIntegerAsync("UM", cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>SR</c>, <c>IP</c>, then <c>MS</c> only when no limit bit is set; after a stop, the first state at rest sends <c>PA=PX</c>.</summary>
    public async Task<AxisState> ReadStateAsync(CancellationToken cancellationToken = default)
    {
        if (_homing) return await ReadHomeStateAsync(cancellationToken).ConfigureAwait(false);
        var sr = await QueryIntegerAsync("SR", cancellationToken).ConfigureAwait(false);
        var ip = await QueryIntegerAsync("IP", cancellationToken).ConfigureAwait(false);
        long? ms = ElmoStatus.OnLimit(ip) ? null : await QueryIntegerAsync("MS", cancellationToken).ConfigureAwait(false);
        var state = ElmoStatus.Decode(sr, ip, ms, Axis.ControlSlave);
        if (_abortPending && !state.HasFlag(AxisState.Moving))
        {
            // After ST the drive keeps the old target in PA; resynchronise it with the actual position.
            await QueryAsync("PA=PX", cancellationToken).ConfigureAwait(false);
            _abortPending = false;
        }
        LastState = state;
        return state;
    }

    /// <summary>Homing state: <c>SR</c> only; once bit 7 clears, <c>PA=PX</c> and homing is over.</summary>
    public async Task<AxisState> ReadHomeStateAsync(CancellationToken cancellationToken = default)
    {
        var sr = await QueryIntegerAsync("SR", cancellationToken).ConfigureAwait(false);
        // A stop (ST, PA=PX) that ended the homing while this read waited for the line: the drive is resynchronised, read it as at rest.
        if (!_homing) return await ReadStateAsync(cancellationToken).ConfigureAwait(false);
        var state = ElmoStatus.DecodeHoming(sr);
        if (!state.HasFlag(AxisState.Moving))
        {
            await QueryAsync("PA=PX", cancellationToken).ConfigureAwait(false);
            _homing = false;
        }
        LastState = state;
        return state;
    }

    /// <summary>Position in counts: <c>PX</c> in UM 2 or while moving; <c>PA=PX</c>+<c>PA</c> after a limit search; <c>PA</c> at rest.</summary>
    public async Task<double> ReadPositionAsync(CancellationToken cancellationToken = default)
    {
        if (UnitMode == 2 || LastState.HasFlag(AxisState.Moving))
            return await QueryNumberAsync("PX", cancellationToken).ConfigureAwait(false);
        if (_limitSearchDone)
        {
            await QueryAsync("PA=PX", cancellationToken).ConfigureAwait(false);
            _limitSearchDone = false;
        }
        return await QueryNumberAsync("PA", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The hardware sync BLISS runs after set-on: state, then position.</summary>
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        await ReadStateAsync(cancellationToken).ConfigureAwait(false);
        await ReadPositionAsync(cancellationToken).ConfigureAwait(false);
    }
}
