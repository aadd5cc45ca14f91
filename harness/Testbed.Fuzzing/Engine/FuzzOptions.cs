namespace Testbed.Fuzzing.Engine;

/// <summary>How long and how hard one target is fuzzed, and the bounds that make an input a hang or a run a memory failure.</summary>
public sealed record FuzzOptions
{
    /// <summary>Inputs to run (input <c>i</c> depends only on the seed and <c>i</c>).</summary>
    public long Count { get; init; } = 10_000;

    public long Seed { get; init; } = 1;

    /// <summary>Stops a target early (reported as stopped, not failed); null = run all inputs.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>An input still running after this is a hang (generous: the slowest valid inputs take tens of ms, a loaded machine stalls).</summary>
    public TimeSpan InputDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Managed heap retained after the run (after a full collection) beyond this is unbounded memory.</summary>
    public long RetainedMemoryBound { get; init; } = 64L << 20;

    /// <summary>One input allocating more than this is unbounded memory (an input of at most 64 KiB should not need it).</summary>
    public long AllocationPerInputBound { get; init; } = 256L << 20;

    /// <summary>Crash reports kept in full (all crashes are counted).</summary>
    public int KeptFindings { get; init; } = 5;
}
