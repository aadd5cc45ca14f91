namespace Testbed.Bench.Scan;

/// <summary>Settings of <c>testbed bench scan</c>; the defaults are the command's defaults (a minute or so in all).</summary>
public sealed record ScanBenchSettings
{
    /// <summary>Points of each line scan (and of each reference), one step of the axis apart.</summary>
    public int Points { get; init; } = 1000;

    /// <summary>The twin's clock rate (virtual seconds per real second): the services and the drivers wait and poll on it, so a move of a
    /// step and the picoammeters' conversion take next to no wall time; the wires (UDP, TCP, Redis) stay real.</summary>
    public double Rate { get; init; } = 100;

    public int Repeat { get; init; } = 5;
}
