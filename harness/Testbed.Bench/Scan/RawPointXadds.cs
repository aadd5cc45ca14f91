using StackExchange.Redis;

namespace Testbed.Bench.Scan;

/// <summary>The publishing reference: for every point, one XADD per channel of the scan (the axis and the counters) with the 8-byte
/// float64 payload and the <c>&lt;index&gt;-1</c> id the device server's blissdata writers send, pipelined and awaited point by point
/// as the device server flushes before it acknowledges a read — what publishing a point alone costs.</summary>
internal static class RawPointXadds
{
    /// <summary>Points per second over <paramref name="points"/> points into fresh streams under <paramref name="prefix"/> (deleted after).</summary>
    public static async Task<double> RateAsync(TimeProvider time, IDatabase db, string prefix, int channels, int points)
    {
        var keys = Enumerable.Range(0, channels).Select(c => (RedisKey)$"{prefix}:{c}").ToArray();
        var payload = BitConverter.GetBytes(0.5);
        var adds = new Task[channels];
        var start = time.GetTimestamp();
        for (var i = 0; i < points; i++)
        {
            var id = $"{i}-1";
            for (var c = 0; c < channels; c++) adds[c] = db.StreamAddAsync(keys[c], [new NameValueEntry("payload", payload)], id);
            await Task.WhenAll(adds);
        }
        var rate = points / time.GetElapsedTime(start).TotalSeconds;
        await db.KeyDeleteAsync(keys);
        return rate;
    }
}
