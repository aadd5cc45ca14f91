using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;

using Testbed.Scans.Stepping;

namespace Testbed.Scans.Publishing;

/// <summary>The files a detector's series was told to write, as a lima stream announces them (§7.5 option 1),
/// and the check that the detector wrote exactly those.</summary>
public sealed record DetectorFiles(string Detector, LimaFiles Lima)
{
    /// <summary>Describes the configured series of <paramref name="channel"/> (fixed names, see <see cref="DetectorChannel.ConfigureAsync"/>).</summary>
    public static async Task<DetectorFiles> DescribeAsync(DetectorChannel channel, CancellationToken ct)
    {
        var geometry = await channel.Detector.FrameGeometryAsync(ct);
        var settings = channel.Settings;
        var total = settings.TotalFrames;
        var lima = new LimaFiles(
            ServerUrl: $"testbed/{channel.Name}",
            FilePathTemplate: FileNaming.PercentTemplate(channel.Detector.DataDirectory, settings),
            DataPath: channel.Detector.DataPath,
            DType: DType.FromName(geometry.PixelType),
            Height: geometry.Height,
            Width: geometry.Width,
            TotalFrames: total,
            FramesPerFile: settings.FramesPerFile == 0 ? total : settings.FramesPerFile,
            FileOffset: settings.FileNumber ?? 0).Validate();
        var described = new DetectorFiles(channel.Name, lima);
        // The scan's folder is new (ScanFolders), and the detector refuses to overwrite: this only catches a folder filled behind our back.
        for (long frame = 0; frame < total; frame += lima.FramesPerFile)
            if (described.Announced(frame).File is var file && File.Exists(file))
                throw new DetectorFilesException($"{channel.Name}: {file} already exists, in the folder reserved for this scan; something else writes there: stop it and run again");
        return described;
    }

    /// <summary>Where the lima stream says frame <paramref name="frame"/> is (one acquisition per scan: file = frame / per file + offset).</summary>
    public (string File, string DataPath, long Index) Announced(long frame) =>
        (Blissdata.Reading.Lima.FormatPercent(Lima.FilePathTemplate, frame / Lima.FramesPerFile + Lima.FileOffset), Lima.DataPath, frame % Lima.FramesPerFile);

    /// <summary>Throws <see cref="DetectorFilesException"/> unless every frame is, closed on disk, where the stream says
    /// (and, for a <paramref name="complete"/> series, there are as many as announced).</summary>
    public void Check(IReadOnlyList<FrameReference> frames, bool complete = true)
    {
        if (complete ? frames.Count != Lima.TotalFrames : frames.Count > Lima.TotalFrames)
            throw new DetectorFilesException($"{Detector}: the series wrote {frames.Count} frame(s), the scan announced {Lima.TotalFrames}");
        foreach (var f in frames)
        {
            var (file, dataPath, index) = Announced(f.Frame);
            if (f.FilePath != file || f.DatasetPath != dataPath || f.IndexInFile != index)
                throw new DetectorFilesException(
                    $"{Detector}: frame {f.Frame} was written to {f.FilePath} [{f.DatasetPath}][{f.IndexInFile}], but the scan announced {file} [{dataPath}][{index}]; " +
                    "the detector's file naming (file_template, file_number, name_pattern or file_path) was changed behind the scan, so no frame of it was announced as saved");
            if (!File.Exists(file))
                throw new DetectorFilesException($"{Detector}: the detector listed {file} for frame {f.Frame}, but it is not there; is the data root '{Path.GetDirectoryName(file)}' mounted on this machine?");
        }
    }
}

/// <summary>A detector's files are not where the scan announced them.</summary>
public sealed class DetectorFilesException(string message) : Exception(message);
