namespace Testbed.Drivers.Abstractions;

/// <summary>Where one frame lives: an HDF5 file + data set + index on the first axis, or a TIFF file (no data set, no index).</summary>
/// <param name="Frame">0-based frame number within the series.</param>
/// <param name="FilePath">Absolute path on this machine's view of the data root.</param>
/// <param name="DatasetPath">HDF5 data set, null for TIFF.</param>
/// <param name="IndexInFile">Index on the data set's first axis, null for one-frame files.</param>
public sealed record FrameReference(int Frame, string FilePath, string? DatasetPath, int? IndexInFile);
