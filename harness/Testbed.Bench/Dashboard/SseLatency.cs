using System.Text.Json;
using System.Threading.Channels;
using Testbed.Blissdata;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Dashboard.Live;

namespace Testbed.Bench.Dashboard;

/// <summary>The measured case: a point published (XADD at flush) on a running scan, until its <c>points</c> event reaches an SSE client of the dashboard.</summary>
internal static class SseLatency
{
    public static async Task<List<double>> MeasureAsync(TimeProvider time, DataStore store, Uri dashboard, int points, int run, CancellationToken ct)
    {
        var identity = new Testbed.Blissdata.Documents.ScanIdentity("bench", run + 1, "no_policy");
        var scan = await store.CreateScanAsync(identity, new Testbed.Blissdata.Info.ScanInfoBuilder(identity, $"bench dashboard {points} points", points, time).Build());
        var motor = scan.CreateStream(StreamDefinition.Scalar("axis:m", DType.Float64));
        var counter = scan.CreateStream(StreamDefinition.Scalar("c:ct", DType.Float64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var response = await http.GetAsync(new Uri(dashboard, $"api/scan/{scan.Key}/events"), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        var arrivals = Channel.CreateUnbounded<long>();
        var reader = Task.Run(async () =>
        {
            await foreach (var e in EventStreamReader.ReadAsync(await response.Content.ReadAsStreamAsync(cts.Token), cts.Token))
                if (e.Name == "points" && JsonDocument.Parse(e.Data).RootElement.GetProperty("stream").GetString() == "c:ct")
                    arrivals.Writer.TryWrite(time.GetTimestamp());
        }, cts.Token);
        var latencies = new List<double>(points);
        try
        {
            for (var i = 0; i < points; i++)
            {
                await motor.SendAsync((double)i);
                await motor.FlushAsync();
                await counter.SendAsync(i * 2.0);
                var start = time.GetTimestamp();
                await counter.FlushAsync();
                var arrived = await arrivals.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), time, ct);
                latencies.Add(time.GetElapsedTime(start, arrived).TotalMilliseconds);
            }
        }
        catch (TimeoutException)
        {
            throw new Testbed.Bench.Running.BenchException($"the dashboard at {dashboard} sent no point within 10 s of its XADD (scan {scan.Key})");
        }
        finally
        {
            await scan.StopAsync();
            await scan.CloseAsync();
            await cts.CancelAsync();
            try { await reader; } catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException) { }
        }
        return latencies;
    }
}
