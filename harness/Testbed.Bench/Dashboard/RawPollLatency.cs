using System.Threading.Channels;
using StackExchange.Redis;
using Testbed.Blissdata;

namespace Testbed.Bench.Dashboard;

/// <summary>The raw reference: XADD of one entry, seen by an independent reader polling XREAD at the dashboard's poll interval; latency of each point.</summary>
internal static class RawPollLatency
{
    public static async Task<List<double>> MeasureAsync(TimeProvider time, DataStore store, string key, int points, TimeSpan poll, CancellationToken ct)
    {
        var db = store.Database;
        var arrivals = Channel.CreateUnbounded<long>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The poller runs on its own, as the dashboard's cursors do: a point waits for its next poll.
        var poller = Task.Run(async () =>
        {
            RedisValue last = "0-0";
            while (!stop.IsCancellationRequested)
            {
                var got = await db.StreamReadAsync(key, last);
                foreach (var e in got) arrivals.Writer.TryWrite(time.GetTimestamp());
                if (got.Length > 0) last = got[^1].Id;
                else await Task.Delay(poll, time, stop.Token);
            }
        }, stop.Token);
        var latencies = new List<double>(points);
        try
        {
            for (var i = 0; i < points; i++)
            {
                var start = time.GetTimestamp();
                await db.StreamAddAsync(key, [new NameValueEntry("payload", BitConverter.GetBytes((double)i))], $"{i}-1");
                var arrived = await arrivals.Reader.ReadAsync(ct);
                latencies.Add(time.GetElapsedTime(start, arrived).TotalMilliseconds);
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await poller; } catch (OperationCanceledException) { }
        }
        return latencies;
    }
}
