namespace Testbed.Drivers.Elmo;

// Motor power, unit mode, position set, velocity and acceleration (spec §2.6, §2.8, §2.12).
public sealed partial class ElmoController
{
    /// <summary>Set-on: [<c>OB[1]=1</c>] <c>MO=1</c>, pause, <c>PA=PX</c>, hardware sync, pause.</summary>
    public async Task SetOnAsync(CancellationToken cancellationToken = default)
    {
        if (Axis.ControlSlave) await QueryAsync("OB[1]=1", cancellationToken).ConfigureAwait(false);
        await QueryAsync("MO=1", cancellationToken).ConfigureAwait(false);
        await DelayAsync(Settings.PowerSettle, cancellationToken).ConfigureAwait(false);
        await QueryAsync("PA=PX", cancellationToken).ConfigureAwait(false);
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        await DelayAsync(Settings.PowerSettle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Set-off: [<c>OB[1]=0</c>] <c>MO=0</c>, pause.</summary>
    public async Task SetOffAsync(CancellationToken cancellationToken = default)
    {
        if (Axis.ControlSlave) await QueryAsync("OB[1]=0", cancellationToken).ConfigureAwait(false);
        await QueryAsync("MO=0", cancellationToken).ConfigureAwait(false);
        await DelayAsync(Settings.PowerSettle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Set-user-mode: set-off, <c>UM=m</c>, set-on, [<c>PA=PX</c> + sync when m is 5], <c>UM</c>.</summary>
    public async Task SetUserModeAsync(int mode, CancellationToken cancellationToken = default)
    {
        await SetOffAsync(cancellationToken).ConfigureAwait(false);
        await QueryAsync($"UM={mode}", cancellationToken).ConfigureAwait(false);
        await SetOnAsync(cancellationToken).ConfigureAwait(false);
        if (mode == 5)
        {
            await QueryAsync("PA=PX", cancellationToken).ConfigureAwait(false);
            await SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        UnitMode = (int)await QueryIntegerAsync("UM", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Redefines the position: [<c>OB[1]=0</c>] <c>MO=0</c>, <c>PX=n</c>, [<c>OB[1]=1</c>] <c>MO=1</c>, <c>PA=n</c>.</summary>
    public async Task SetPositionAsync(long counts, CancellationToken cancellationToken = default)
    {
        await SetOffAsync(cancellationToken).ConfigureAwait(false);
        await QueryAsync($"PX={ElmoReply.Format(counts)}", cancellationToken).ConfigureAwait(false);
        if (Axis.ControlSlave) await QueryAsync("OB[1]=1", cancellationToken).ConfigureAwait(false);
        await QueryAsync("MO=1", cancellationToken).ConfigureAwait(false);
        await DelayAsync(Settings.PowerSettle, cancellationToken).ConfigureAwait(false);
        await QueryAsync($"PA={ElmoReply.Format(counts)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>SP=n</c>, then <c>SP</c>; returns the speed read back (counts/s).</summary>
    public async Task<double> SetVelocityAsync(long countsPerSecond, CancellationToken cancellationToken = default)
    {
        await QueryAsync($"SP={ElmoReply.Format(countsPerSecond)}", cancellationToken).ConfigureAwait(false);
        return await QueryNumberAsync("SP", cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>AC=n</c>, <c>DC=n</c>, then <c>AC</c>; returns the acceleration read back (counts/s²).</summary>
    public async Task<long> SetAccelerationAsync(long countsPerSecond2, CancellationToken cancellationToken = default)
    {
        await QueryAsync($"AC={ElmoReply.Format(countsPerSecond2)}", cancellationToken).ConfigureAwait(false);
        await QueryAsync($"DC={ElmoReply.Format(countsPerSecond2)}", cancellationToken).ConfigureAwait(false);
        return await QueryIntegerAsync("AC", cancellationToken).ConfigureAwait(false);
    }
}
