using Testbed.Bench.Results;

namespace Testbed.Bench.Tests.Results;

public class BenchResultTests
{
    private static readonly Target AtLeast07 = Target.RatioAtLeast(0.7);

    private static BenchResult Ratios(params double[] ratios) =>
        new("case", "frames/s", AtLeast07, [.. ratios.Select(r => new Measurement(100 * r, 100))]);

    [Test]
    public void The_verdict_is_on_the_median_ratio_not_the_mean()
    {
        // Mean 1.08 would pass; the median 0.65 says what a typical run gives.
        Assert.That(Ratios(0.6, 0.65, 2.0).Verdict, Is.EqualTo(Verdict.NotMet));
        // Mean 0.55 would fail; one bad run does not decide.
        Assert.That(Ratios(0.1, 0.75, 0.8).Verdict, Is.EqualTo(Verdict.Met));
    }

    [Test]
    public void The_verdict_is_on_the_median_not_the_best_run()
    {
        var result = Ratios(0.36, 0.5, 0.55, 0.6, 1.27);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.NotMet));
        Assert.That(result.Ratio, Is.EqualTo(new Spread(0.55, 0.36, 1.27, 5)));
    }

    [Test]
    public void A_median_exactly_at_the_target_meets_it_and_just_under_does_not()
    {
        Assert.That(Ratios(0.5, 0.7, 0.9).Verdict, Is.EqualTo(Verdict.Met));
        Assert.That(Ratios(0.5, 0.69, 0.9).Verdict, Is.EqualTo(Verdict.NotMet));
    }

    [Test]
    public void The_ratio_is_taken_per_run_against_that_runs_reference()
    {
        // The reference drops with the machine's load; each run is judged against its own.
        var result = new BenchResult("twin", "req/s", AtLeast07,
            [new Measurement(900, 1000), new Measurement(450, 500), new Measurement(1800, 2000)]);
        Assert.That(result.Ratio!.Median, Is.EqualTo(0.9).Within(1e-12));
        Assert.That(result.Ratio.Min, Is.EqualTo(0.9).Within(1e-12));
        Assert.That(result.Value.Median, Is.EqualTo(900));
        Assert.That(result.Reference!.Median, Is.EqualTo(1000));
    }

    [Test]
    public void The_median_ratio_is_not_the_ratio_of_the_medians()
    {
        var result = new BenchResult("twin", "req/s", AtLeast07,
            [new Measurement(10, 10), new Measurement(6, 20), new Measurement(30, 40)]);
        // Ratios 1.0, 0.3, 0.75 → median 0.75; medians 10 / 20 would say 0.5.
        Assert.That(result.Ratio!.Median, Is.EqualTo(0.75));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Met));
    }

    [Test]
    public void A_value_target_judges_the_values_and_their_range()
    {
        var result = new BenchResult("twin p99", "µs", Target.Below(1000, "p99 < 1 ms"),
            [new Measurement(47.2), new Measurement(2229), new Measurement(41.9)]);
        Assert.That(result.Judged, Is.EqualTo(new Spread(47.2, 41.9, 2229, 3)));
        Assert.That(result.Verdict, Is.EqualTo(Verdict.Met));
        Assert.That(result.Reference, Is.Null);
        Assert.That(result.Ratio, Is.Null);
    }

    [Test]
    public void A_ratio_target_without_a_reference_is_refused()
    {
        Assert.That(() => new BenchResult("x", "req/s", AtLeast07, [new Measurement(1)]),
            Throws.ArgumentException.With.Message.Contains("has no reference"));
    }

    [Test]
    public void Runs_with_and_without_a_reference_are_not_mixed()
    {
        Assert.That(() => new BenchResult("x", "req/s", AtLeast07, [new Measurement(1, 1), new Measurement(1)]),
            Throws.ArgumentException.With.Message.Contains("1 of 2 repetitions have a reference"));
    }

    [Test]
    public void A_case_without_runs_is_refused()
    {
        Assert.That(() => new BenchResult("x", "req/s", AtLeast07, []), Throws.ArgumentException);
    }

    [Test]
    public void A_zero_reference_gives_no_ratio_and_no_pass()
    {
        var result = new BenchResult("x", "req/s", AtLeast07, [new Measurement(5, 0), new Measurement(5, 5), new Measurement(5, 5)]);
        Assert.That(double.IsNaN(result.Ratio!.Median), Is.True);
        Assert.That(result.Verdict, Is.EqualTo(Verdict.NotMet));
    }
}
