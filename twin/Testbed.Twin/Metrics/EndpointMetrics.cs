namespace Testbed.Twin.Metrics;

/// <summary>Requests, errors and a latency histogram of one served endpoint, counted by its transport (the control API's metrics).</summary>
/// <remarks>Lock-free (interlocked counters, fixed power-of-two buckets) so counting costs a few nanoseconds per request.
/// Latency is the twin's own work on a request, in real time (the host's load, not virtual time).</remarks>
public sealed class EndpointMetrics(TimeProvider? realTime = null)
{
    /// <summary>Upper bounds of the latency buckets in microseconds: 1, 2, 4 … 2²³ (≈ 8.4 s); the last bucket holds everything slower.</summary>
    public static readonly IReadOnlyList<double> BucketBoundsMicroseconds = [.. Enumerable.Range(0, 24).Select(i => (double)(1L << i))];

    private readonly TimeProvider _real = realTime ?? TimeProvider.System;
    private readonly long[] _buckets = new long[BucketBoundsMicroseconds.Count + 1];
    private long _requests, _errors, _totalTicks;

    /// <summary>A timestamp to pass to <see cref="Record"/> when the request is done.</summary>
    public long Start() => _real.GetTimestamp();

    /// <summary>Counts one request that began at <paramref name="started"/> (from <see cref="Start"/>); <paramref name="error"/>: it failed.</summary>
    public void Record(long started, bool error)
    {
        var elapsed = _real.GetElapsedTime(started);
        Interlocked.Increment(ref _requests);
        if (error) Interlocked.Increment(ref _errors);
        Interlocked.Add(ref _totalTicks, elapsed.Ticks);
        Interlocked.Increment(ref _buckets[Bucket(elapsed)]);
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>The counts so far, read one by one (a request counted meanwhile may show in one figure and not yet in another).</summary>
    public MetricsSnapshot Snapshot()
    {
        var counts = new long[_buckets.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _buckets[i]);
        var requests = Requests;
        var mean = requests == 0 ? 0 : TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks) / requests).TotalMicroseconds;
        var buckets = counts.Select((c, i) => new LatencyBucket(i < BucketBoundsMicroseconds.Count ? BucketBoundsMicroseconds[i] : null, c)).ToList();
        return new MetricsSnapshot(requests, Errors, mean, buckets);
    }

    private static int Bucket(TimeSpan elapsed)
    {
        var us = (long)Math.Ceiling(elapsed.TotalMicroseconds);
        if (us <= 1) return 0;
        // The smallest i with 2^i ≥ us.
        var i = 64 - long.LeadingZeroCount(us - 1);
        return (int)Math.Min(i, BucketBoundsMicroseconds.Count);
    }
}

/// <summary>An endpoint's counts: requests, errors, mean latency (µs) and the latency histogram.</summary>
public sealed record MetricsSnapshot(long Requests, long Errors, double MeanLatencyMicroseconds, IReadOnlyList<LatencyBucket> Latency);

/// <summary>Requests whose latency was at most <paramref name="UpToMicroseconds"/> and above the previous bucket's bound (null: slower than every bound).</summary>
public sealed record LatencyBucket(double? UpToMicroseconds, long Count);
