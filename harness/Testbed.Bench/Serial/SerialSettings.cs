namespace Testbed.Bench.Serial;

/// <summary>Settings of <c>testbed bench serial</c>; the defaults are the command's defaults (about 25 s in all).</summary>
public sealed record SerialSettings
{
    /// <summary>Measuring time per server (echo, twin) and transport in each run.</summary>
    public double Seconds { get; init; } = 1;

    public int Repeat { get; init; } = 5;
}
