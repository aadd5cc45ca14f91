namespace Testbed.Demo;

/// <summary>What <c>testbed demo</c> runs: which beamline, which scan, against which twin, published where.</summary>
public sealed record DemoOptions
{
    /// <summary>The beamline file.</summary>
    public required string Beamline { get; init; }

    /// <summary>The axis to scan; null = the first axis of the file.</summary>
    public string? Motor { get; init; }

    public double From { get; init; } = -1;

    public double To { get; init; } = 1;

    public int Points { get; init; } = 11;

    /// <summary>Exposure of each detector frame, s.</summary>
    public double CountTime { get; init; } = 0.01;

    /// <summary>Twin clock rate (virtual seconds per real second).</summary>
    public double Rate { get; init; } = 1;

    /// <summary>False: scan whatever answers at the file's url:s (a running twin serve, or hardware).</summary>
    public bool StartTwin { get; init; } = true;

    /// <summary>True: the in-process twin serves on the file's ports instead of free ones.</summary>
    public bool FilePorts { get; init; }

    /// <summary>Publish the scan with blissdata on this Redis; null = do not publish.</summary>
    public string? Redis { get; init; }

    /// <summary>How long a lost Redis is waited for before the scan fails.</summary>
    public TimeSpan RedisTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
