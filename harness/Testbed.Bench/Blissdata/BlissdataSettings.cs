namespace Testbed.Bench.Blissdata;

/// <summary>Settings of <c>testbed bench blissdata</c>; the defaults are the command's defaults.</summary>
public sealed record BlissdataSettings
{
    /// <summary>Redis to measure; null: a private redis-server child.</summary>
    public string? Redis { get; init; }

    /// <summary>Points per scalar channel, case (a).</summary>
    public int Points { get; init; } = 1_000_000;

    /// <summary>float64 scalar channels, case (a).</summary>
    public int Channels { get; init; } = 10;

    /// <summary>uint16 frames in-stream, case (b).</summary>
    public int Frames { get; init; } = 100;

    /// <summary>Frame width = height in pixels, case (b).</summary>
    public int FrameSize { get; init; } = 1024;

    public int Repeat { get; init; } = 5;
}
