using System.Text.Json.Nodes;
using Testbed.Bec.Values;
using Testbed.Blissdata.Reading;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.Scans.Publishing;

namespace Testbed.Scans.DeviceServer.Devices;

/// <summary>An area detector as a BEC camera (async, software-triggered, a 2-D <c>image</c> signal): stage configures and arms one
/// series of the scan's readouts × frames_per_trigger frames into the files the scan's lima stream names, each trigger takes a
/// trigger's frames (announced, not yet saved), complete waits for the closed files, checks every frame is where the stream says and
/// announces them saved. Pixels stay on disk.</summary>
public sealed class DetectorDevice(IAreaDetector detector, TimeProvider time, TimeSpan waitTimeout, long framesPerFile = 0) : ServedDevice(detector.Name, time)
{
    /// <summary>The areaDetector template the scan's lima file_path is written with: directory, name, four-digit file number.</summary>
    public const string FileTemplate = "%s%s_%04d.h5";

    private FrameGeometry _geometry = new(0, 0, "uint16");
    private Series? _series;

    public IAreaDetector Detector => detector;

    public override BecMap Config() => DeviceDescription.ConfigEntry(Name, "testbed.AreaDetector", "async",
        framesPerFile > 0 ? new BecMap { ["pixel_type"] = _geometry.PixelType, ["frames_per_file"] = framesPerFile } : new BecMap { ["pixel_type"] = _geometry.PixelType },
        "detector", Enabled, softwareTrigger: true, disabledReason: Problem);

    public override BecMap Info() => new DeviceDescription("AreaDetector", "device")
        .Add("exp_time", $"{Name}_exp_time", "config", "number", true)
        .Add("frames", $"{Name}_frames", "config", "integer", true)
        .Add("image", $"{Name}_image", "omitted", "array", false, _geometry.Height, _geometry.Width)
        .Build(null);

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await detector.InitializeAsync(ct);
        _geometry = await detector.FrameGeometryAsync(ct);
    }

    public override Task<BecMap> ReadAsync(CancellationToken ct) => Task.FromResult(new BecMap());

    public override async Task StageAsync(ScanContext scan, CancellationToken ct)
    {
        await EndSeriesAsync(ct); // a series a previous scan left armed (it ended without complete or unstage)
        var lima = scan.Streams?.LimaInfo(Name);
        var settings = Settings(scan, lima);
        await detector.ConfigureAsync(settings, ct);
        if (lima is not null)
        {
            var template = lima["file_path"]!.GetValue<string>();
            var ours = FileNaming.PercentTemplate(detector.DataDirectory, settings);
            var dataPath = lima["data_path"]?.GetValue<string>();
            if (ours != template || (dataPath is not null && dataPath != detector.DataPath))
                throw new InstructionRefusedException($"{Name}: the detector would write {ours} [{detector.DataPath}], the scan's stream announces {template} [{dataPath}]; " +
                                                      "check the detector's file writer settings (data_path, name pattern)");
        }
        await detector.ArmAsync(ct);
        _series = new Series(scan, lima, settings.Images);
    }

    public override async Task TriggerAsync(ScanContext scan, CancellationToken ct)
    {
        if (_series is not { } series) throw new InstructionRefusedException($"{Name}: trigger without a staged series; stage the detector first");
        await detector.TriggerAsync(cancellationToken: ct);
        series.Frames += series.ImagesPerTrigger;
        if (series.Writers is { Sealed: false } w)
        {
            await w.FramesTakenAsync(Name, series.ImagesPerTrigger);
            await w.FlushAsync();
        }
    }

    public override async Task CompleteAsync(ScanContext scan, CancellationToken ct)
    {
        if (_series is not { } series) return;
        _series = null;
        var frames = await detector.WaitAsync(waitTimeout, ct);
        if (series.Lima is { } lima && series.Writers is { Sealed: false } w)
        {
            Check(lima, frames, series.Frames);
            if (frames.Count > 0) await w.AnnounceAsync(Name, frames.Count - 1);
        }
    }

    public override Task UnstageAsync(ScanContext scan, CancellationToken ct) => EndSeriesAsync(ct);

    public override Task StopAsync(CancellationToken ct) => EndSeriesAsync(ct);

    /// <summary>Ends a series cut short, keeping what was acquired in closed files.</summary>
    private async Task EndSeriesAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _series, null) is not { } series) return;
        await detector.FinishEarlyAsync((int)series.Frames, waitTimeout, ct);
    }

    private AreaDetectorSettings Settings(ScanContext scan, JsonObject? lima)
    {
        var images = (int)Math.Max(1, scan.FramesPerTrigger);
        var triggers = (int)Math.Max(1, scan.Readouts);
        var countTime = scan.ExpTime > 0 ? scan.ExpTime : 0.001;
        if (lima is null)
            return new AreaDetectorSettings(countTime, images, triggers, FramesPerFile: 0, NamePattern: "bec_$id");
        var template = lima["file_path"]!.GetValue<string>();
        var directory = Path.GetDirectoryName(template) ?? "";
        var file = Path.GetFileName(template);
        const string suffix = "_%04d.h5";
        var relative = Path.GetRelativePath(detector.DataDirectory, directory);
        if (!file.EndsWith(suffix, StringComparison.Ordinal) || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new InstructionRefusedException($"{Name}: the scan's frames must go to {template}, outside the detector's data root {detector.DataDirectory} " +
                                                  "(or not named <name>_%04d.h5); set the scan server's file base path inside the detector's data root");
        return new AreaDetectorSettings(countTime, images, triggers,
            FramesPerFile: (int)lima["frame_per_file"]!.GetValue<long>(),
            FilePath: relative == "." ? "" : relative,
            NamePattern: file[..^suffix.Length],
            FileTemplate: FileTemplate,
            FileNumber: lima["file_offset"]?.GetValue<long>() ?? 1);
    }

    /// <summary>Every frame must be, closed on disk, where the stream says; otherwise nothing is announced as saved.</summary>
    private void Check(JsonObject lima, IReadOnlyList<FrameReference> frames, long taken)
    {
        if (frames.Count != taken)
            throw new DetectorFilesException($"{Name}: the series wrote {frames.Count} frame(s), {taken} were triggered");
        var template = lima["file_path"]!.GetValue<string>();
        var perFile = lima["frame_per_file"]!.GetValue<long>();
        var offset = lima["file_offset"]?.GetValue<long>() ?? 0;
        var dataPath = lima["data_path"]?.GetValue<string>();
        foreach (var f in frames)
        {
            var file = Lima.FormatPercent(template, f.Frame / perFile + offset);
            if (f.FilePath != file || (dataPath is not null && f.DatasetPath != dataPath) || f.IndexInFile != f.Frame % perFile)
                throw new DetectorFilesException($"{Name}: frame {f.Frame} was written to {f.FilePath} [{f.DatasetPath}][{f.IndexInFile}], the stream announced {file} " +
                                                 $"[{dataPath}][{f.Frame % perFile}]; the detector's file naming was changed behind the scan, so no frame was announced as saved");
            if (!File.Exists(file))
                throw new DetectorFilesException($"{Name}: the detector listed {file} for frame {f.Frame}, but it is not there; is the data root mounted on this machine?");
        }
    }

    private sealed class Series(ScanContext scan, JsonObject? lima, int imagesPerTrigger)
    {
        public ScanStreams? Writers { get; } = scan.Streams;

        public JsonObject? Lima { get; } = lima;

        public int ImagesPerTrigger { get; } = imagesPerTrigger;

        public long Frames { get; set; }
    }
}
