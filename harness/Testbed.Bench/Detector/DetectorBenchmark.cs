using System.Globalization;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Twin.Detector.Model;

namespace Testbed.Bench.Detector;

/// <summary><c>testbed bench detector</c>: HDF5 frame writing (NDFileHDF5 layout; PureHDF, and libhdf5 in SWMR mode) against a raw sequential write of the same bytes to the same place.</summary>
public sealed class DetectorBenchmark : Benchmark<DetectorSettings>
{
    private const string Tmpfs = "/dev/shm";
    private static readonly Target VersusRaw = Target.RatioAtLeast(0.7);
    private static readonly Target Stretch = Target.AtLeast(1000, "≥ 1 GB/s (stretch)");

    public override string Name => "detector";

    public override string Description =>
        "MB/s of 2D frames into HDF5 (PureHDF, libhdf5 SWMR) on the data disk and on tmpfs (/dev/shm) vs raw writes of the same bytes (target ≥ 0.7×; stretch ≥ 1 GB/s on tmpfs).";

    public override IReadOnlyList<BenchOption<DetectorSettings>> Options { get; } =
    [
        new BenchOption<DetectorSettings>.Folder("--dir", "Folder on the data disk (default: a temporary folder under the current directory).", (s, v) => s with { Dir = v }),
        new BenchOption<DetectorSettings>.Count("--frames", "Frames per file.", 1, s => s.Frames, (s, v) => s with { Frames = v }),
        new BenchOption<DetectorSettings>.Count("--size", "Frame width = height in pixels (uint16).", 1, s => s.Size, (s, v) => s with { Size = v }),
        new BenchOption<DetectorSettings>.Count("--repeat", "Runs per place (the writers' order rotating); medians and ranges are reported.", 1, s => s.Repeat, (s, v) => s with { Repeat = v }),
        new BenchOption<DetectorSettings>.Flag("--fsync", "Include an fsync of each file in the time (HDF5 and raw alike).", (s, v) => s with { Fsync = v }),
    ];

    protected override string Describe(DetectorSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Frames} frames of {s.Size}×{s.Size} uint16 ({s.Size * (double)s.Size * 2 / 1e6:F2} MB each) per file, {Runs(s.Repeat)} per place{(s.Fsync ? ", fsync included" : ", page cache")}");

    protected override Task<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)> MeasureAsync(DetectorSettings s, IBenchProgress progress, CancellationToken ct)
    {
        var frame = new FrameSynthesizer(s.Size, s.Size, PixelType.UInt16, new SimulationSettings { Mode = SimMode.LinearRamp })
            .Make(0, 1, 0.001, DateTimeOffset.UnixEpoch);
        var writers = FrameWriters.Create(frame, s.Fsync, Time, out var unavailable);
        List<string> notes = unavailable is null ? [] : [unavailable];
        var disk = s.Dir is { } dir ? Path.GetFullPath(dir) : Path.Combine(Environment.CurrentDirectory, $".bench-detector-{Guid.NewGuid():N}");
        var places = new List<(string Name, string Path, bool Remove)> { ("data disk", disk, s.Dir is null) };
        if (Directory.Exists(Tmpfs)) places.Add(("tmpfs", Path.Combine(Tmpfs, $"bench-detector-{Guid.NewGuid():N}"), true));
        else notes.Add($"no {Tmpfs} on this system: tmpfs not measured");
        notes.Add($"data disk: {disk}");
        var sheet = new ResultSheet();
        var mb = s.Frames * (double)frame.ByteCount / 1e6;
        foreach (var (place, path, remove) in places)
        {
            try
            {
                Directory.CreateDirectory(path);
                foreach (var w in writers) w.Seconds(path, Math.Min(s.Frames, 10)); // warm-up: JIT and page-cache paths
                for (var run = 0; run < s.Repeat; run++)
                {
                    ct.ThrowIfCancellationRequested();
                    // The order rotates between runs so no writer always meets a cold (or warm) page cache first.
                    var rates = new double[writers.Count];
                    foreach (var j in Rotation.Order(writers.Count, run)) rates[j] = mb / writers[j].Seconds(path, s.Frames);
                    for (var j = 1; j < writers.Count; j++)
                    {
                        sheet.Add($"{writers[j].Name} on {place}", "MB/s", VersusRaw, new Measurement(rates[j], rates[0]));
                        if (place == "tmpfs") sheet.Add($"{writers[j].Name} on {place}, absolute", "MB/s", Stretch, new Measurement(rates[j]));
                    }
                    progress.Note($"{place} run {run + 1}/{s.Repeat}: " + string.Join(", ", writers.Select((w, j) =>
                        string.Create(CultureInfo.InvariantCulture, $"{w.Name} {rates[j]:F0} MB/s{(j > 0 ? $" ({rates[j] / rates[0]:F2}×)" : "")}"))));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BenchException($"cannot write in {path}: {e.Message.TrimEnd('.')}; give a writable folder with --dir", e);
            }
            finally
            {
                if (remove && Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
        }
        return Task.FromResult<(IReadOnlyList<BenchResult>, IReadOnlyList<string>)>((sheet.Results(), notes));
    }
}
