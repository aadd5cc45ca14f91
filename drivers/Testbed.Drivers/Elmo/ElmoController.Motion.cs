using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Elmo;

// Motion start, stop, homing, jog and limit search (spec §2.7, §2.9–§2.11).
public sealed partial class ElmoController
{
    /// <summary>Starts a point-to-point move: <c>UM</c>, <c>SR</c>, <c>IP</c> checks, <c>PA=n</c>, <c>BG</c> (and a pause when leaving a limit).</summary>
    public async Task StartOneAsync(long targetCounts, CancellationToken cancellationToken = default)
    {
        var onLimit = await CheckStartAsync(cancellationToken).ConfigureAwait(false);
        await QueryAsync($"PA={ElmoReply.Format(targetCounts)}", cancellationToken).ConfigureAwait(false);
        await BeginAsync(onLimit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>ST</c>. While homing, <c>PA=PX</c> at once; otherwise the next state at rest sends it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await QueryAsync("ST", cancellationToken).ConfigureAwait(false);
        if (_homing)
        {
            await QueryAsync("PA=PX", cancellationToken).ConfigureAwait(false);
            _homing = false;
        }
        else
        {
            _abortPending = true;
        }
    }

    /// <summary>
    /// Home search: start checks, <c>HM[3]=3</c>, <c>HM[2]=home_position</c>, <c>HM[4]=0</c>, <c>HM[5]=0</c>, <c>HM[1]=1</c>,
    /// <c>JV=n</c>, <c>BG</c>. The state then comes from <see cref="ReadHomeStateAsync"/>.
    /// </summary>
    public async Task HomeSearchAsync(long jogCounts, CancellationToken cancellationToken = default)
    {
        var onLimit = await CheckStartAsync(cancellationToken).ConfigureAwait(false);
        await QueryAsync("HM[3]=3", cancellationToken).ConfigureAwait(false);
        await QueryAsync($"HM[2]={ElmoReply.Format((long)Math.Round(Axis.HomePosition, MidpointRounding.ToEven))}", cancellationToken).ConfigureAwait(false);
        await QueryAsync("HM[4]=0", cancellationToken).ConfigureAwait(false);
        await QueryAsync("HM[5]=0", cancellationToken).ConfigureAwait(false);
        await QueryAsync("HM[1]=1", cancellationToken).ConfigureAwait(false);
        await QueryAsync($"JV={ElmoReply.Format(jogCounts)}", cancellationToken).ConfigureAwait(false);
        _homing = true;
        await QueryAsync("BG", cancellationToken).ConfigureAwait(false);
        if (onLimit) await DelayAsync(Settings.LeaveLimitPause, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jog start: <c>JV=n</c>, <c>BG</c> (the unit mode is left alone).</summary>
    public async Task StartJogAsync(long jogCounts, CancellationToken cancellationToken = default)
    {
        await QueryAsync($"JV={ElmoReply.Format(jogCounts)}", cancellationToken).ConfigureAwait(false);
        await QueryAsync("BG", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jog stop: <c>JV=0</c>, <c>BG</c>, poll <c>MS</c> while 2, then set-user-mode back to the configured mode.</summary>
    public async Task StopJogAsync(CancellationToken cancellationToken = default)
    {
        await QueryAsync("JV=0", cancellationToken).ConfigureAwait(false);
        await QueryAsync("BG", cancellationToken).ConfigureAwait(false);
        while (await QueryIntegerAsync("MS", cancellationToken).ConfigureAwait(false) == 2)
            await DelayAsync(Settings.JogStopPolling, cancellationToken).ConfigureAwait(false);
        await SetUserModeAsync(Axis.UserMode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Limit search: start checks, <c>JV=n</c>, <c>BG</c>; no <c>ST</c> at the switch; the next position read at rest sends <c>PA=PX</c>.</summary>
    public async Task LimitSearchAsync(long jogCounts, CancellationToken cancellationToken = default)
    {
        var onLimit = await CheckStartAsync(cancellationToken).ConfigureAwait(false);
        await QueryAsync($"JV={ElmoReply.Format(jogCounts)}", cancellationToken).ConfigureAwait(false);
        _limitSearchDone = true;
        await BeginAsync(onLimit, cancellationToken).ConfigureAwait(false);
    }

    // UM, SR, IP as BLISS's start_one checks them; returns whether a limit switch is active.
    private async Task<bool> CheckStartAsync(CancellationToken cancellationToken)
    {
        if (await QueryIntegerAsync("UM", cancellationToken).ConfigureAwait(false) == 2)
            throw Refused("cannot move: the drive is in speed control mode (UM=2), no movements allowed; set user_mode to 5");
        var sr = await QueryIntegerAsync("SR", cancellationToken).ConfigureAwait(false);
        if ((sr & ElmoStatus.SrDriveProblem) != 0)
            throw Refused($"cannot move: problem with the Elmo controller (SR={sr}, drive fault bit set); check the drive's fault reason (CD)");
        if ((sr & ElmoStatus.SrServoOn) == 0)
            throw Refused($"cannot move: the positioning loop is open (SR={sr}, motor off); switch the motor on first");
        return ElmoStatus.OnLimit(await QueryIntegerAsync("IP", cancellationToken).ConfigureAwait(false));
    }

    private async Task BeginAsync(bool onLimit, CancellationToken cancellationToken)
    {
        await QueryAsync("BG", cancellationToken).ConfigureAwait(false);
        // Give the axis time to leave the switch, or the first state poll would still see it and end the move.
        if (onLimit) await DelayAsync(Settings.LeaveLimitPause, cancellationToken).ConfigureAwait(false);
    }
}
