namespace Testbed.Fuzzing.Engine;

/// <summary>The outcome of fuzzing one target: counts, speed, memory, and the findings kept for replay.</summary>
public sealed record FuzzResult
{
    public required string Target { get; init; }
    public required long Seed { get; init; }

    /// <summary>Inputs that ran to completion (a hung input is not counted).</summary>
    public required long Inputs { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Every input that crashed (only the first few are kept in <see cref="Findings"/>).</summary>
    public required long Crashes { get; init; }

    public required bool Hung { get; init; }

    /// <summary>Retained heap or a single input's allocations exceeded their bound.</summary>
    public required bool MemoryExceeded { get; init; }

    /// <summary>Crashes first (up to the kept count), then the hang and the memory finding if any.</summary>
    public required IReadOnlyList<FuzzFinding> Findings { get; init; }

    /// <summary>Distinct crash signatures (exception type and throw site).</summary>
    public required int DistinctCrashes { get; init; }

    /// <summary>Managed heap after the run minus before it, both after a full collection.</summary>
    public required long RetainedGrowthBytes { get; init; }

    /// <summary>Largest managed heap size seen during the run minus the starting size (garbage included).</summary>
    public required long PeakGrowthBytes { get; init; }

    /// <summary>The most one input allocated on the fuzzing thread.</summary>
    public required long MaxAllocatedPerInput { get; init; }

    public required TimeSpan SlowestInput { get; init; }

    /// <summary>The run ended at the time limit before all inputs ran.</summary>
    public required bool Stopped { get; init; }

    public double InputsPerSecond => Elapsed > TimeSpan.Zero ? Inputs / Elapsed.TotalSeconds : 0;

    public bool Passed => Crashes == 0 && !Hung && !MemoryExceeded;
}
