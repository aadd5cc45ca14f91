using Testbed.Bench.Results;

namespace Testbed.Bench.Rendering;

/// <summary>The one line per case that says whether its target was met, with the median and range it was judged on.</summary>
public static class VerdictLine
{
    /// <summary>"NOT MET  (a) publisher, point by point: median 0.17× reference (0.15–0.20 over 5 runs); target ≥ 0.8× reference".</summary>
    public static string For(BenchResult result)
    {
        var judged = result.Judged;
        var median = result.Target.OnRatio
            ? $"{Quantity.Ratio(judged.Median)} reference"
            : $"{Quantity.Format(judged.Median)} {result.Unit}";
        var over = judged.Count == 1 ? "1 run" : $"{Quantity.Range(judged.Min, judged.Max, result.Target.OnRatio)} over {judged.Count} runs";
        return $"{result.Verdict.Text(),-7}  {result.Name}: median {median} ({over}); target {result.Target.Text}";
    }

    /// <summary>The closing line: all targets met, or how many were not.</summary>
    public static string Summary(BenchReport report)
    {
        var notMet = report.NotMet.Count();
        return notMet == 0
            ? $"{report.Bench}: all {report.Results.Count} targets met"
            : $"{report.Bench}: {notMet} of {report.Results.Count} targets NOT MET (a benchmark measures; it does not fail)";
    }
}
