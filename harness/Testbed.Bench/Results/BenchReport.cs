namespace Testbed.Bench.Results;

/// <summary>What one benchmark run found: its cases with verdicts, the machine context, and notes (cases not measured and why).</summary>
/// <param name="Bench">The benchmark's name, e.g. "elmo".</param>
/// <param name="Setup">What was measured and how, on one line.</param>
/// <param name="Machine">Cores and load the run had.</param>
/// <param name="Results">One result per case, in the order measured.</param>
/// <param name="Notes">What the reader should know besides the numbers (a writer not available here, a backend).</param>
public sealed record BenchReport(string Bench, string Setup, MachineContext Machine, IReadOnlyList<BenchResult> Results, IReadOnlyList<string> Notes)
{
    /// <summary>Cases whose median did not meet the target.</summary>
    public IEnumerable<BenchResult> NotMet => Results.Where(r => r.Verdict == Verdict.NotMet);
}
