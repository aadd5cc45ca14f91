namespace Testbed.Twin.Detector.Files;

/// <summary>A complete, closed and renamed file: safe to announce and read.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="RelativePath">Path relative to the data root, as listed by the filewriter.</param>
/// <param name="DatasetPath">HDF5 data set of the frames, or null for TIFF.</param>
/// <param name="Frames">Frames in the file.</param>
/// <param name="FirstUniqueId">NDArrayUniqueId of its first frame.</param>
public sealed record ClosedFile(string Path, string RelativePath, string? DatasetPath, int Frames, int FirstUniqueId);
