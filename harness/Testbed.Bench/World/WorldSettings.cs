namespace Testbed.Bench.World;

/// <summary>Settings of <c>testbed bench world</c>; the defaults are the command's defaults (about a minute in all).</summary>
public sealed record WorldBenchSettings
{
    /// <summary>World evaluations timed per run (and as many of the raw formula).</summary>
    public int Evaluations { get; init; } = 2_000_000;

    /// <summary>Simulated length of the acquisition over real wires, s.</summary>
    public double AcquisitionSeconds { get; init; } = 600;

    /// <summary>The twin's clock rate for the acquisition; it is also run at half this rate to compare the outputs.</summary>
    public double Rate { get; init; } = 1000;

    public int Repeat { get; init; } = 5;
}
