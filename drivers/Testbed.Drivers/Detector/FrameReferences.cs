using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Detector;

/// <summary>Maps frame numbers of a series to the files the detector listed, as blissdata's lima references do (frame k → file k / per-file, index k mod per-file).</summary>
public static class FrameReferences
{
    /// <param name="device">Names the detector in errors.</param>
    /// <param name="files">The series' files relative to the data root, in creation order.</param>
    /// <param name="settings">The series settings (frames, frames per file, format).</param>
    /// <param name="dataPath">HDF5 data set holding the frames.</param>
    /// <param name="dataDirectory">This machine's path of the data root.</param>
    /// <param name="frames">Frames to map: the whole series (null), or the first ones of a series stopped early.</param>
    public static IReadOnlyList<FrameReference> Map(string device, IReadOnlyList<string> files, AreaDetectorSettings settings, string dataPath, string dataDirectory,
        int? frames = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tiff = settings.Format == DetectorFileFormat.Tiff;
        var perFile = tiff ? 1 : settings.FramesPerFile == 0 ? settings.TotalFrames : settings.FramesPerFile;
        var total = Math.Min(frames ?? settings.TotalFrames, settings.TotalFrames);
        var expected = (total + perFile - 1) / perFile;
        if (files.Count != expected)
            throw new InvalidOperationException(
                $"{device}: {total} frame(s) at {perFile} per file should give {expected} file(s), the file writer listed {files.Count}: {string.Join(", ", files)}");
        var refs = new List<FrameReference>(total);
        for (var k = 0; k < total; k++)
        {
            var file = Path.GetFullPath(Path.Combine(dataDirectory, files[k / perFile]));
            refs.Add(tiff ? new FrameReference(k, file, null, null) : new FrameReference(k, file, dataPath, k % perFile));
        }
        return refs;
    }
}
