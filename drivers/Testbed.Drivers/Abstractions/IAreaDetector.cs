namespace Testbed.Drivers.Abstractions;

/// <summary>A 2D detector as the scan stack drives it: configure, arm, trigger, wait, and get a file reference per frame (pixels stay on disk).</summary>
public interface IAreaDetector : IAsyncDisposable
{
    /// <summary>The controller name from the beamline file.</summary>
    string Name { get; }

    /// <summary>Sets exposure, series shape, trigger source and file layout; only while the detector is idle.</summary>
    Task ConfigureAsync(AreaDetectorSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Arms a series; returns its sequence id.</summary>
    Task<int> ArmAsync(CancellationToken cancellationToken = default);

    /// <summary>Software trigger: starts the next trigger's images (with <see cref="DetectorTrigger.SoftwareGate"/>: one image of <paramref name="exposure"/> s).</summary>
    Task TriggerAsync(double? exposure = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the series is complete and its files are closed; returns one reference per frame, in order.</summary>
    Task<IReadOnlyList<FrameReference>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Stops the series: <paramref name="abort"/> drops data in flight, otherwise what was acquired is written.</summary>
    Task StopAsync(bool abort, CancellationToken cancellationToken = default);

    /// <summary>The newest image as TIFF bytes (live preview), or null when none is available yet.</summary>
    Task<byte[]?> PreviewAsync(CancellationToken cancellationToken = default);
}

/// <summary>How a series is triggered.</summary>
public enum DetectorTrigger
{
    /// <summary>Each software trigger takes <see cref="AreaDetectorSettings.Images"/> images.</summary>
    Software,

    /// <summary>Each software trigger takes one image whose exposure is given with the trigger.</summary>
    SoftwareGate,

    /// <summary>Each pulse on the detector's trigger input takes <see cref="AreaDetectorSettings.Images"/> images.</summary>
    External,
}

/// <summary>File layout choices the scan stack cares about.</summary>
public enum DetectorFileFormat
{
    Hdf5,
    Tiff,
}

/// <summary>Settings of one series.</summary>
/// <param name="CountTime">Exposure per image, s.</param>
/// <param name="Images">Images per trigger.</param>
/// <param name="Triggers">Triggers per series.</param>
/// <param name="Trigger">Trigger source.</param>
/// <param name="FrameTime">Image period, s (default: exposure + readout).</param>
/// <param name="Format">File format.</param>
/// <param name="Preview">Enable the monitor image for live preview.</param>
/// <param name="FramesPerFile">HDF5 frames per file; 0 = all frames of the series in one file.</param>
/// <param name="FilePath">Sub-directory under the detector's data root ('' = the root).</param>
/// <param name="NamePattern">File name pattern; <c>$id</c> becomes the sequence id.</param>
public sealed record AreaDetectorSettings(
    double CountTime,
    int Images = 1,
    int Triggers = 1,
    DetectorTrigger Trigger = DetectorTrigger.Software,
    double? FrameTime = null,
    int FramesPerFile = 1000,
    DetectorFileFormat Format = DetectorFileFormat.Hdf5,
    string FilePath = "",
    string NamePattern = "series_$id",
    bool Preview = true)
{
    /// <summary>Frames the series produces.</summary>
    public int TotalFrames => Trigger == DetectorTrigger.SoftwareGate ? Triggers : Images * Triggers;
}

/// <summary>Where one frame lives: an HDF5 file + data set + index on the first axis, or a TIFF file (no data set, no index).</summary>
/// <param name="Frame">0-based frame number within the series.</param>
/// <param name="FilePath">Absolute path on this machine's view of the data root.</param>
/// <param name="DatasetPath">HDF5 data set, null for TIFF.</param>
/// <param name="IndexInFile">Index on the data set's first axis, null for one-frame files.</param>
public sealed record FrameReference(int Frame, string FilePath, string? DatasetPath, int? IndexInFile);
