using System.Globalization;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Dashboard.Hosting;

namespace Testbed.Bench.Dashboard;

/// <summary><c>testbed bench dashboard</c>: latency from a point's XADD to its <c>points</c> event at the dashboard's SSE client, against a raw XADD seen by an XREAD poller at the same interval.</summary>
public sealed class DashboardBenchmark : Benchmark<DashboardSettings>
{
    private static readonly Target Latency = Target.Below(200, "< 200 ms");

    public override string Name => "dashboard";

    public override string Description =>
        "latency from XADD to the point at the dashboard page's SSE client vs a raw XADD → polling XREAD on the same Redis (target median and p95 < 200 ms).";

    public override IReadOnlyList<BenchOption<DashboardSettings>> Options { get; } =
    [
        new BenchOption<DashboardSettings>.Redis("Redis to measure on (redis://host:port/db or host:port); default: a private redis-server child.", (s, v) => s with { Redis = v }),
        new BenchOption<DashboardSettings>.Count("--points", "Points per run, published one at a time, each waited for at the client.", 1, s => s.Points, (s, v) => s with { Points = v }),
        new BenchOption<DashboardSettings>.Count("--repeat", "Runs (raw and dashboard in rotating order); medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(DashboardSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{Runs(s.Repeat)} of {s.Points} points, one at a time, each from XADD to the SSE client of a dashboard on 127.0.0.1, on {s.Redis ?? "a private redis-server"}");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(DashboardSettings s, IBenchProgress progress, CancellationToken ct)
    {
        using var child = s.Redis is null ? Testbed.Scans.Hosting.PrivateRedisServer.Start() : null;
        var url = s.Redis ?? child!.Url();
        var poll = new DashboardOptions { Redis = url }.PollInterval;
        await using var store = await OpenAsync(url);
        await using var server = await DashboardServer.StartAsync(new DashboardOptions { Redis = url, Listen = "127.0.0.1:0" }, ct: ct);
        var prefix = $"bench:dashboard:{Guid.NewGuid():N}";
        // Warm-up (JIT, connections, Kestrel), not reported.
        await SseLatency.MeasureAsync(Time, store, server.Url, Math.Min(s.Points, 20), -1, ct);
        await RawPollLatency.MeasureAsync(Time, store, $"{prefix}:warm", Math.Min(s.Points, 20), poll, ct);
        var sheet = new ResultSheet();
        for (var run = 0; run < s.Repeat; run++)
        {
            ct.ThrowIfCancellationRequested();
            List<double> raw = [], dash = [];
            foreach (var part in Rotation.Order(2, run))
                if (part == 0) raw = await RawPollLatency.MeasureAsync(Time, store, $"{prefix}:{run}", s.Points, poll, ct);
                else dash = await SseLatency.MeasureAsync(Time, store, server.Url, s.Points, run, ct);
            sheet.Add("XADD → SSE client, median", "ms", Latency, new Measurement(Percentile(dash, 0.5), Percentile(raw, 0.5)));
            sheet.Add("XADD → SSE client, p95", "ms", Latency, new Measurement(Percentile(dash, 0.95), Percentile(raw, 0.95)));
            progress.Note(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}/{s.Repeat}: median {Percentile(dash, 0.5):0.00} ms (raw {Percentile(raw, 0.5):0.00} ms), p95 {Percentile(dash, 0.95):0.00} ms"));
        }
        await store.Database.KeyDeleteAsync(Enumerable.Range(0, s.Repeat).Select(r => (StackExchange.Redis.RedisKey)$"{prefix}:{r}").Append($"{prefix}:warm").ToArray());
        List<string> notes = [string.Create(CultureInfo.InvariantCulture, $"both readers poll Redis every {poll.TotalMilliseconds:0} ms (StackExchange.Redis has no blocking XREAD); the reference is the floor a poller can reach")];
        return (sheet.Results(), notes);
    }

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
    }

    private static async Task<DataStore> OpenAsync(string url)
    {
        try { return await DataStore.ConnectAsync(url); }
        catch (ProtocolException e) when (e.Message.StartsWith("No blissdata protocol", StringComparison.Ordinal))
        {
            return await DataStore.InitAsync(url);
        }
    }
}
