namespace Testbed.Bench.Detector;

/// <summary>Settings of <c>testbed bench detector</c>; the defaults are the command's defaults.</summary>
public sealed record DetectorSettings
{
    /// <summary>Folder on the data disk; null: a temporary folder under the current directory.</summary>
    public string? Dir { get; init; }

    public int Frames { get; init; } = 200;

    /// <summary>Frame width = height in pixels (uint16).</summary>
    public int Size { get; init; } = 1024;

    public int Repeat { get; init; } = 5;

    /// <summary>Include an fsync of each file in the timed region (raw and HDF5 alike).</summary>
    public bool Fsync { get; init; }
}
