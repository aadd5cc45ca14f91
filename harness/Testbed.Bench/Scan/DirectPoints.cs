using Testbed.Drivers.Abstractions;

namespace Testbed.Bench.Scan;

/// <summary>The drivers' reference: the same points with the drivers called straight from here against the same twin — move the axis,
/// then read it and every counter in parallel, as the device server does for a monitored read — with no Redis and no services.</summary>
internal sealed class DirectPoints(IAxis axis, IReadOnlyList<ICounter> counters)
{
    /// <summary>Points per second over the points after the first, with the mean move and read per point in µs.</summary>
    public async Task<(double Rate, double Move, double Read)> RunAsync(TimeProvider time, IReadOnlyList<double> positions, CancellationToken ct)
    {
        await axis.MoveAsync(positions[0], ct);
        await ReadAllAsync(ct);
        long move = 0, read = 0;
        var start = time.GetTimestamp();
        for (var p = 1; p < positions.Count; p++)
        {
            var t0 = time.GetTimestamp();
            await axis.MoveAsync(positions[p], ct);
            var t1 = time.GetTimestamp();
            await ReadAllAsync(ct);
            move += t1 - t0;
            read += time.GetTimestamp() - t1;
        }
        var intervals = positions.Count - 1;
        var rate = intervals / time.GetElapsedTime(start).TotalSeconds;
        double Micro(long ticks) => (double)ticks / time.TimestampFrequency * 1e6 / intervals;
        return (rate, Micro(move), Micro(read));
    }

    private Task ReadAllAsync(CancellationToken ct)
    {
        var reads = new List<Task>(counters.Count + 1) { axis.PositionAsync(ct) };
        reads.AddRange(counters.Select(c => (Task)c.ReadAsync(ct)));
        return Task.WhenAll(reads);
    }
}
