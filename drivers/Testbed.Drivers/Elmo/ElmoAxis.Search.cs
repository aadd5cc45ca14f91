using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Elmo;

// Homing, limit search and jog (spec §2.10, §2.11).
public sealed partial class ElmoAxis
{
    /// <summary>
    /// Home search towards <paramref name="direction"/> × sign(steps_per_unit) at the configured velocity:
    /// <c>UM SR IP HM[3]=3 HM[2]= HM[4]=0 HM[5]=0 HM[1]=1 JV= BG</c>, then <c>SR PX</c> polls until SR bit 7 clears, <c>PA=PX</c>, <c>PA</c>.
    /// </summary>
    public async Task HomeAsync(int direction, CancellationToken cancellationToken = default)
    {
        CheckDirection(direction, "home");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await RunMotionAsync(async ct =>
        {
            await RequireReadyAsync(ct).ConfigureAwait(false);
            await Controller.HomeSearchAsync(ConfigJog(direction), ct).ConfigureAwait(false);
            var (state, cancelled) = await MonitorAsync(ct).ConfigureAwait(false);
            await ReadDialAsync(CancellationToken.None).ConfigureAwait(false);
            ThrowIfCancelled(cancelled, ct);
            ThrowOnFault(state);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs to the hardware limit in <paramref name="direction"/> × sign(steps_per_unit) at the configured velocity:
    /// <c>UM SR IP JV= BG</c>, state polls until a limit is seen (no <c>ST</c>), then <c>PA=PX</c>, <c>PA</c>.
    /// </summary>
    public async Task LimitSearchAsync(int direction, CancellationToken cancellationToken = default)
    {
        CheckDirection(direction, "limit search");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await RunMotionAsync(async ct =>
        {
            await RequireReadyAsync(ct).ConfigureAwait(false);
            await Controller.LimitSearchAsync(ConfigJog(direction), ct).ConfigureAwait(false);
            var (state, cancelled) = await MonitorAsync(ct).ConfigureAwait(false);
            await ReadDialAsync(CancellationToken.None).ConfigureAwait(false);
            ThrowIfCancelled(cancelled, ct);
            ThrowOnFault(state);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jog at a signed user velocity: <c>JV=n</c> (n = |v|·|spu|, direction sign(v·sign·spu)), <c>BG</c>, then one state read.</summary>
    public async Task JogAsync(double velocity, CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(velocity) || velocity == 0)
            throw Refused($"jog velocity {Format(velocity)} is not allowed; give a non-zero {Unit}/s (use StopJogAsync to stop)");
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfBusy();
        await RequireReadyAsync(cancellationToken).ConfigureAwait(false);
        var counts = (long)(Math.Abs(velocity) * Math.Abs(StepsPerUnit)) * Math.Sign(velocity * Sign * StepsPerUnit);
        await Controller.StartJogAsync(counts, cancellationToken).ConfigureAwait(false);
        _jogging = true;
        await Controller.ReadStateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jog stop: <c>JV=0 BG</c>, <c>MS</c> while 2, set-user-mode, then the velocity is restored (<c>SP= SP SP</c>) and the position read.</summary>
    public async Task StopJogAsync(CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Controller.StopJogAsync(cancellationToken).ConfigureAwait(false);
        _jogging = false;
        await ApplyVelocityAsync(_velocitySetting, cancellationToken).ConfigureAwait(false);
        await ReadDialAsync(cancellationToken).ConfigureAwait(false);
    }

    // int(int(velocity·spu)·switch): the configured velocity with the signed spu, as BLISS homes and searches limits.
    private long ConfigJog(int direction) => (long)(Settings.Velocity * StepsPerUnit) * direction;

    private void CheckDirection(int direction, string what)
    {
        if (direction is not (1 or -1)) throw Refused($"{what} direction must be +1 or -1, not {direction}");
    }
}
