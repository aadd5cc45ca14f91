using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Blissdata;
using Testbed.Writer.Hdf5;
using Testbed.Writer.Service;

namespace Testbed.Bench.Writer;

/// <summary><c>testbed bench writer</c>: the scan-file writer (read from blissdata, write the NeXus file) against a raw libhdf5 write of
/// the same data sets from memory, same folder, same run.</summary>
public sealed class WriterBenchmark : Benchmark<WriterSettings>
{
    private static readonly Target VersusRaw = Target.RatioAtLeast(0.7);

    public override string Name => "writer";

    public override string Description =>
        "MB/s of the NeXus writer following a finished blissdata scan (Redis → HDF5) vs raw libhdf5 appends of the same data from memory (target ≥ 0.7×).";

    public override IReadOnlyList<BenchOption<WriterSettings>> Options { get; } =
    [
        new BenchOption<WriterSettings>.Redis("Redis to read from (redis://host:port/db or host:port); default: a private redis-server child.", (s, v) => s with { Redis = v }),
        new BenchOption<WriterSettings>.Folder("--dir", "Folder for the files (default: a temporary folder under the current directory).", (s, v) => s with { Dir = v }),
        new BenchOption<WriterSettings>.Count("--points", "Scan points.", 1, s => s.Points, (s, v) => s with { Points = v }),
        new BenchOption<WriterSettings>.Count("--channels", "float64 scalar counters (plus one positioner).", 1, s => s.Channels, (s, v) => s with { Channels = v }),
        new BenchOption<WriterSettings>.Count("--bins", "float64 bins of the spectrum channel.", 1, s => s.Bins, (s, v) => s with { Bins = v }),
        new BenchOption<WriterSettings>.Count("--repeat", "Runs (writer and raw in rotating order); medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
    ];

    protected override string Describe(WriterSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{Runs(s.Repeat)} of {s.Points} points × ({s.Channels + 1} scalars + {s.Bins}-bin spectrum) float64 ({s.Points * (s.Channels + 1.0 + s.Bins) * 8 / 1e6:F1} MB), on {s.Redis ?? "a private redis-server"}");

    protected override async Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(WriterSettings s, IBenchProgress progress, CancellationToken ct)
    {
        using var child = s.Redis is null ? Testbed.Scans.Hosting.PrivateRedisServer.Start() : null;
        var url = s.Redis ?? child!.Url();
        await using var store = await OpenAsync(url);
        var dir = s.Dir is { } d ? Path.GetFullPath(d) : Path.Combine(Environment.CurrentDirectory, $".bench-writer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var scan = new WriterScan(s.Points, s.Channels, s.Bins);
        var sheet = new ResultSheet();
        List<string> notes = [$"{scan}; files in {dir}; Redis backend {store.Backend}"];
        var follower = new ScanFollower(new WriterOptions { RedisUrl = url, Time = Time }, null, NullLogger.Instance);
        long number = Time.GetUtcNow().ToUnixTimeSeconds() % 100_000 * 100;
        try
        {
            // Warm-up (JIT, libhdf5, connection), not reported.
            var warm = new WriterScan(Math.Min(s.Points, 2000), s.Channels, s.Bins);
            await follower.FollowAsync(store, await warm.PublishAsync(store, Path.Combine(dir, "warm.h5"), ++number), ct);
            Raw(warm, Path.Combine(dir, "warm-raw.h5"));
            for (var run = 0; run < s.Repeat; run++)
            {
                ct.ThrowIfCancellationRequested();
                var file = Path.Combine(dir, $"writer-{run}.h5");
                var key = await scan.PublishAsync(store, file, ++number);
                var rates = new double[3];
                foreach (var j in Rotation.Order(3, run))
                {
                    var t0 = Time.GetTimestamp();
                    if (j == 0) await follower.FollowAsync(store, key, ct);
                    else if (j == 1) Raw(scan, Path.Combine(dir, $"raw-{run}.h5"));
                    else await ReadOnlyAsync(store, key, ct);
                    rates[j] = scan.Megabytes / Time.GetElapsedTime(t0).TotalSeconds;
                }
                var (writer, raw, read) = (rates[0], rates[1], rates[2]);
                if (!File.Exists(file)) throw new BenchException($"the writer did not write {file}");
                sheet.Add("writer (blissdata → NeXus)", "MB/s", VersusRaw, new Measurement(writer, raw));
                sheet.Add("blissdata read alone (no file; the writer's ceiling)", "MB/s", VersusRaw, new Measurement(read, raw));
                progress.Note(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1}/{s.Repeat}: writer {writer:F0} MB/s, raw libhdf5 {raw:F0} MB/s ({writer / raw:F2}×), read alone {read:F0} MB/s ({read / raw:F2}×)"));
                await store.DeleteScanAsync(key, force: true);
            }
        }
        catch (IOException e)
        {
            throw new BenchException($"cannot write in {dir}: {e.Message.TrimEnd('.')}; give a writable folder with --dir", e);
        }
        finally
        {
            if (s.Dir is null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        return (sheet.Results(), notes);
    }

    /// <summary>Reads every stream of the scan to the end through a cursor group and decodes it, as the writer does, writing nothing.</summary>
    private static async Task ReadOnlyAsync(DataStore store, string key, CancellationToken ct)
    {
        var scan = await store.LoadScanAsync(key);
        // Reads as large as the writer's, so this stays its ceiling.
        var writer = new WriterOptions { RedisUrl = "" };
        var group = new Testbed.Blissdata.Reading.CursorGroup(scan.Streams.Values) { BatchSize = writer.ReadBatch, ByteBudget = writer.ReadBytes, CollectEvery = writer.CollectEvery };
        while (true)
        {
            try
            {
                foreach (var (_, view) in await group.ReadAsync(TimeSpan.FromMilliseconds(100), ct: ct)) _ = view.GetData();
            }
            catch (Testbed.Blissdata.EndOfStreamException) { return; }
        }
    }

    /// <summary>The reference: the same data sets, appended in the publisher's batches of 1000 points, straight from memory.</summary>
    private static void Raw(WriterScan scan, string path)
    {
        using var file = Hdf5File.Create(path);
        foreach (var (name, values, shape) in scan.Data)
        {
            var safe = name.Replace(':', '_');
            using var ds = GrowingDataset.Create(file, safe, "float64", shape, 8);
            var per = shape.Length == 0 ? 1 : shape[0];
            var points = values.Length / per;
            for (var i = 0; i < points; i += 1000)
            {
                var n = Math.Min(1000, points - i);
                ds.Append(MemoryMarshal.AsBytes(values.AsSpan(i * per, n * per)), n, shape);
            }
        }
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
