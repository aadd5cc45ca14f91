using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Elmo;

// Moves (with backlash and soft limits), stop and BLISS's monitor loop (spec §2.7, §2.9, §4.2).
public sealed partial class ElmoAxis
{
    private Task? _motion;
    private volatile bool _stopRequested;
    private volatile bool _jogging;

    /// <summary>True while a move, home or limit search of this axis object runs.</summary>
    public bool IsBusy => _motion is { IsCompleted: false };

    /// <summary>True between <see cref="JogAsync"/> and <see cref="StopJogAsync"/>.</summary>
    public bool IsJogging => _jogging;

    /// <summary>
    /// Absolute move: soft limits (nothing is sent when refused), then <c>PA</c> (discrepancy check), <c>UM</c>, <c>SR</c>,
    /// <c>IP</c>, <c>PA=n</c>, <c>BG</c>, then <c>SR IP MS PX</c> every polling_time until at rest, then <c>PA</c>.
    /// With backlash against the move direction, a first leg stops short by the backlash.
    /// </summary>
    public async Task MoveAsync(double target, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(target)) throw Refused($"move target {Format(target)} is not a number");
        CheckLimits(target, target, null, "nothing was sent");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await RunMotionAsync(ct => MoveCoreAsync(target, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task MoveRelativeAsync(double delta, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(delta)) throw Refused($"relative move {Format(delta)} is not a number");
        var dial = _dial ?? await DialAsync(cancellationToken).ConfigureAwait(false);
        await MoveAsync(DialToUser(dial) + delta, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>ST</c>, then wait until at rest (the first state at rest sends <c>PA=PX</c>); while jogging, the jog-stop sequence.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_jogging)
        {
            await StopJogAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        _stopRequested = true;
        await Controller.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_motion is { } motion)
        {
            // The running motion's own loop sees the stop, resynchronises and reports to its caller.
            await motion.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await MonitorAsync(cancellationToken).ConfigureAwait(false);
        await ReadDialAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MoveCoreAsync(double target, CancellationToken cancellationToken)
    {
        await RequireReadyAsync(cancellationToken).ConfigureAwait(false);
        var counts = await Controller.ReadPositionAsync(cancellationToken).ConfigureAwait(false);
        var controllerDial = counts / StepsPerUnit;
        if (_dial is { } known && Math.Abs(known - controllerDial) > Settings.Tolerance)
            throw Refused($"discrepancy between dial ({Format(known)}) and controller position ({Format(controllerDial)}), " +
                          $"difference {Format(known - controllerDial)} exceeds tolerance {Format(Settings.Tolerance)}; " +
                          "something else moved the axis: check it, then accept the controller position (SyncHardAsync) or set the dial (SetDialAsync)");
        _dial = controllerDial;

        var targetSteps = UserToDial(target) * StepsPerUnit;
        var backlashSteps = Settings.Backlash / Sign * StepsPerUnit;
        var delta = targetSteps - counts;
        var legs = new List<double>(2);
        if (backlashSteps != 0 && delta != 0 && Math.Sign(delta) != Math.Sign(backlashSteps))
        {
            var first = targetSteps - backlashSteps;
            CheckLimits(target, DialToUser(first / StepsPerUnit), "backlash leg", "no motion was started");
            legs.Add(first);
        }
        legs.Add(targetSteps);

        AxisState state = AxisState.None;
        var cancelled = false;
        foreach (var leg in legs)
        {
            if (_stopRequested) break;
            await StartLegAsync(ToCounts(leg), cancellationToken).ConfigureAwait(false);
            (state, cancelled) = await MonitorAsync(cancellationToken).ConfigureAwait(false);
            if (cancelled || _stopRequested || HasLimit(state) || state.HasFlag(AxisState.Fault)) break;
        }
        if (HasLimit(state) && !cancelled && !_stopRequested)
        {
            // BLISS's on-limit path: stop the profiler, resynchronise PA, report.
            await Controller.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await Controller.ReadStateAsync(CancellationToken.None).ConfigureAwait(false);
            var dial = await ReadDialAsync(CancellationToken.None).ConfigureAwait(false);
            var which = state.HasFlag(AxisState.LimPos) ? "positive" : "negative";
            throw Refused($"move to {Format(target)} stopped on the {which} hardware limit switch at {Format(DialToUser(dial))} (dial {Format(dial)}); move away from it");
        }
        await ReadDialAsync(CancellationToken.None).ConfigureAwait(false);
        ThrowIfCancelled(cancelled, cancellationToken);
        ThrowOnFault(state);
    }

    // A cancellation between PA= and BG leaves PA on the new target: stop and resynchronise before giving up.
    private async Task StartLegAsync(long counts, CancellationToken cancellationToken)
    {
        try { await Controller.StartOneAsync(counts, cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Controller.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await MonitorAsync(CancellationToken.None).ConfigureAwait(false);
            await ReadDialAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // Polls state + position every polling_time until the axis is no longer moving. A cancellation sends ST once
    // and keeps polling (without the token) until at rest, so the caller's next command finds a synchronised drive.
    private async Task<(AxisState State, bool Cancelled)> MonitorAsync(CancellationToken cancellationToken)
    {
        var cancelled = false;
        while (true)
        {
            var token = cancelled ? CancellationToken.None : cancellationToken;
            try
            {
                var state = await Controller.ReadStateAsync(token).ConfigureAwait(false);
                await ReadDialAsync(token).ConfigureAwait(false);
                if (!state.HasFlag(AxisState.Moving)) return (state, cancelled);
                // With the motor off MS stays 1 (MOVING for BLISS, which then polls forever): a drive that switched its motor off
                // in the middle of a motion tripped on a motor fault; say which instead of waiting.
                if (state.HasFlag(AxisState.ClosedLoopOpen)) throw await MotorOffDuringMotionAsync(state).ConfigureAwait(false);
                await Task.Delay(Settings.PollingTime, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancelled && cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                await Controller.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    // Only one motion at a time; StopAsync waits on the slot, not on the motion's outcome.
    private async Task RunMotionAsync(Func<CancellationToken, Task> motion, CancellationToken cancellationToken)
    {
        var slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            ThrowIfBusy();
            _stopRequested = false;
            _motion = slot.Task;
        }
        try { await motion(cancellationToken).ConfigureAwait(false); }
        finally
        {
            lock (_sync) _motion = null;
            slot.TrySetResult();
        }
    }

    // The cached state must be READY; when it is not, it is read again (as BLISS's axis layer does).
    private async Task RequireReadyAsync(CancellationToken cancellationToken)
    {
        var state = Controller.LastState;
        if (!state.HasFlag(AxisState.Ready)) state = await Controller.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        if (state.HasFlag(AxisState.ClosedLoopOpen))
            throw Refused($"cannot move: the motor is off (state {state}); switch it on first (OnAsync)");
        if (!state.HasFlag(AxisState.Ready))
            throw Refused($"cannot move: the axis state is {state}, not Ready; wait for the motion to end or stop it");
    }

    private void CheckLimits(double target, double leg, string? what, string outcome)
    {
        var (low, high) = Limits;
        var subject = what is null ? $"move to {Format(target)}" : $"move to {Format(target)} ({what} to {Format(leg)})";
        if (leg < low) throw Refused($"{subject} would exceed low limit ({Format(low)}); {outcome}");
        if (leg > high) throw Refused($"{subject} would exceed high limit ({Format(high)}); {outcome}");
    }

    private void ThrowIfBusy()
    {
        if (IsBusy) throw Refused("is already moving (a move, home or limit search is running); stop it or wait for it");
    }

    private async Task<AxisException> MotorOffDuringMotionAsync(AxisState state)
    {
        var mf = await Controller.QueryIntegerAsync("MF", CancellationToken.None).ConfigureAwait(false);
        var reply = Controller.LastReply is { } r ? Testbed.Drivers.Comm.LineTimeoutException.Printable(r) + ";" : "(none)";
        var dial = await ReadDialAsync(CancellationToken.None).ConfigureAwait(false);
        return new AxisException(Name, $"axis {Name} ({Controller.Address}): the drive switched the motor off during the motion, at " +
            $"{Format(DialToUser(dial))} (dial {Format(dial)}), state {state}: {ElmoMotorFaults.Describe(mf)}; last reply '{reply}'. " +
            "Find the cause (a blocked axis, a tracking error, a drive fault), then switch the motor on (OnAsync) and move again");
    }

    private void ThrowOnFault(AxisState state)
    {
        if (state.HasFlag(AxisState.Fault)) throw Refused($"the drive reports a motion fault (MS=3, state {state}); check the drive");
    }

    private static void ThrowIfCancelled(bool cancelled, CancellationToken cancellationToken)
    {
        if (cancelled) throw new OperationCanceledException("the motion was stopped because the operation was cancelled", cancellationToken);
    }

    private static bool HasLimit(AxisState s) => (s & (AxisState.LimPos | AxisState.LimNeg)) != 0;
}
