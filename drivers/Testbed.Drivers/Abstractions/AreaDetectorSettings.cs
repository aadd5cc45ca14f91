namespace Testbed.Drivers.Abstractions;

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
/// <param name="FileTemplate">areaDetector FileTemplate (printf of directory, name, number, e.g. <c>%s%s_%04d.h5</c>); null = the detector's own.</param>
/// <param name="FileNumber">Number of the series' first file, counting up per file; null = wherever the detector's counter is.</param>
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
    bool Preview = true,
    string? FileTemplate = null,
    long? FileNumber = null)
{
    /// <summary>Frames the series produces.</summary>
    public int TotalFrames => Trigger == DetectorTrigger.SoftwareGate ? Triggers : Images * Triggers;
}
