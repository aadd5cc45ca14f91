using System.Globalization;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;

namespace Testbed.Bench.Blissdata;

/// <summary><c>testbed bench blissdata</c>: publisher and reader throughput against raw pipelined XADD / XREAD of identical payloads, same Redis, same run.</summary>
public sealed class BlissdataBenchmark : Benchmark<BlissdataSettings>
{

    public override string Name => "blissdata";

    public override string Description =>
        "blissdata publisher/reader vs raw pipelined XADD / XREAD of the same payloads: (a) scalar channels, (b) 2D frames in-stream (target ≥ 0.8×).";

    public override IReadOnlyList<BenchOption<BlissdataSettings>> Options { get; } =
    [
        new BenchOption<BlissdataSettings>.Redis("Redis to measure (redis://host:port/db or host:port); default: a private redis-server child.", (s, v) => s with { Redis = v }),
        new BenchOption<BlissdataSettings>.Count("--points", "Points per scalar channel.", 1, s => s.Points, (s, v) => s with { Points = v }),
        new BenchOption<BlissdataSettings>.Count("--channels", "float64 scalar channels.", 1, s => s.Channels, (s, v) => s with { Channels = v }),
        new BenchOption<BlissdataSettings>.Count("--frames", "uint16 frames in-stream.", 1, s => s.Frames, (s, v) => s with { Frames = v }),
        new BenchOption<BlissdataSettings>.Count("--frame-size", "Frame width = height in pixels.", 1, s => s.FrameSize, (s, v) => s with { FrameSize = v }),
        new BenchOption<BlissdataSettings>.Count("--repeat", "Runs (raw and library in rotating order); medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(BlissdataSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{Runs(s.Repeat)} of (a) {s.Channels} float64 channels × {s.Points} points and (b) {s.Frames} frames of {s.FrameSize}×{s.FrameSize} uint16, on {s.Redis ?? "a private redis-server"}");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(BlissdataSettings s, IBenchProgress progress, CancellationToken ct)
    {
        using var child = s.Redis is null ? Testbed.Scans.Hosting.PrivateRedisServer.Start() : null;
        var options = new DataStoreOptions { Batching = new BatchingPolicy() };
        await using var store = await OpenAsync(s.Redis ?? child!.Url(), options);
        List<string> notes = [$"Redis backend {store.Backend}; batching {options.Batching.MaxPoints} points / {options.Batching.MaxBytes} bytes per entry"];
        var cases = new BlissdataCases(Time, store, options.Batching.MaxPoints);
        // Warm-up on small payloads (JIT, connection, scripts), not reported.
        await cases.RunAsync(Math.Min(s.Channels, 2), Math.Min(s.Points, 10_000), Math.Min(s.Frames, 5), s.FrameSize, 0, new ResultSheet(), ct);
        var sheet = new ResultSheet();
        for (var run = 0; run < s.Repeat; run++)
        {
            ct.ThrowIfCancellationRequested();
            var line = await cases.RunAsync(s.Channels, s.Points, s.Frames, s.FrameSize, run, sheet, ct);
            progress.Note($"run {run + 1}/{s.Repeat}: {line}");
        }
        return (sheet.Results(), notes);
    }

    private static async Task<DataStore> OpenAsync(string url, DataStoreOptions options)
    {
        try { return await DataStore.ConnectAsync(url, options); }
        catch (ProtocolException e) when (e.Message.StartsWith("No blissdata protocol", StringComparison.Ordinal))
        {
            return await DataStore.InitAsync(url, options);
        }
    }
}
