namespace Testbed.Demo.Stack;

/// <summary>What the main job runs: the beamline's twin, a Redis, the scan stack in one process, and one line scan submitted through Redis.</summary>
public sealed record StackDemoOptions
{
    /// <summary>The beamline file.</summary>
    public required string Beamline { get; init; }

    /// <summary>The axis to scan; null = the beamline file's first Elmo axis.</summary>
    public string? Motor { get; init; }

    public double From { get; init; } = -1;

    public double To { get; init; } = 1;

    public int Points { get; init; } = 11;

    /// <summary>Exposure (exp_time) of each point, s.</summary>
    public double CountTime { get; init; } = 0.01;

    /// <summary>Twin clock rate (virtual seconds per real second); the services poll on the same clock.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>False: drive whatever answers at the file's url:s (a running twin serve, or hardware); the services then poll in real time.</summary>
    public bool StartTwin { get; init; } = true;

    /// <summary>True: the twin serves on the file's ports instead of free ones.</summary>
    public bool FilePorts { get; init; }

    /// <summary>An existing Redis (BEC messages and blissdata on it); null = a private redis-server child on a free loopback port.</summary>
    public string? Redis { get; init; }

    /// <summary>blissdata's Redis; null = the next database of <see cref="Redis"/> (or of the private server).</summary>
    public string? Blissdata { get; init; }

    /// <summary>Where the PNG plots go; null = beside the scan's master file.</summary>
    public string? PlotDirectory { get; init; }
}
