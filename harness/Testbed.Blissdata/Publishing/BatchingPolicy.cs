namespace Testbed.Blissdata.Publishing;

/// <summary>When a writer turns buffered points into one stream entry: at most this many points, bytes, or this much delay.</summary>
/// <remarks>Entries are XADDed pipelined; <see cref="MaxInFlightBytes"/> bounds what is sent but not yet acknowledged.</remarks>
public sealed record BatchingPolicy
{
    public int MaxPoints { get; init; } = 4096;

    public int MaxBytes { get; init; } = 1 << 20;

    /// <summary>A buffered point waits at most this long (on the store's TimeProvider) before it is sent.</summary>
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    public long MaxInFlightBytes { get; init; } = 64L << 20;

    /// <summary>One point per entry, sent at once: what the reference "one XADD per point" publisher does.</summary>
    public static BatchingPolicy Unbatched { get; } = new() { MaxPoints = 1, MaxLatency = TimeSpan.Zero };
}
