using Testbed.Bench.Results;

namespace Testbed.Bench.Tests.Results;

public class TargetTests
{
    [TestCase(0.7, Verdict.Met, TestName = "exactly 0.7x meets >= 0.7x")]
    [TestCase(0.6999, Verdict.NotMet, TestName = "just under 0.7x does not")]
    [TestCase(1.54, Verdict.Met, TestName = "above the reference meets it")]
    [TestCase(0.0, Verdict.NotMet, TestName = "zero does not")]
    [TestCase(double.NaN, Verdict.NotMet, TestName = "no number does not (ratio)")]
    public void A_ratio_target_is_met_at_and_above_its_threshold(double ratio, Verdict expected)
    {
        Assert.That(Target.RatioAtLeast(0.7).Judge(ratio), Is.EqualTo(expected));
    }

    [TestCase(999.9, Verdict.Met, TestName = "999.9 us is under 1 ms")]
    [TestCase(1000.0, Verdict.NotMet, TestName = "exactly 1 ms is not under 1 ms")]
    [TestCase(1000.1, Verdict.NotMet, TestName = "1000.1 us is not")]
    [TestCase(double.NaN, Verdict.NotMet, TestName = "no number does not (bound)")]
    public void A_below_target_is_strict(double p99, Verdict expected)
    {
        Assert.That(Target.Below(1000, "p99 < 1 ms").Judge(p99), Is.EqualTo(expected));
    }

    [TestCase(1000.0, Verdict.Met)]
    [TestCase(999.0, Verdict.NotMet)]
    [TestCase(2781.0, Verdict.Met)]
    [TestCase(double.NaN, Verdict.NotMet)]
    public void An_at_least_target_is_met_at_and_above_its_threshold(double mbPerSecond, Verdict expected)
    {
        Assert.That(Target.AtLeast(1000, "≥ 1 GB/s").Judge(mbPerSecond), Is.EqualTo(expected));
    }

    [Test]
    public void Targets_are_written_as_the_docs_state_them()
    {
        Assert.That(Target.RatioAtLeast(0.7).Text, Is.EqualTo("≥ 0.7× reference"));
        Assert.That(Target.RatioAtLeast(0.8).Text, Is.EqualTo("≥ 0.8× reference"));
        Assert.That(Target.Below(1000, "p99 < 1 ms").Text, Is.EqualTo("p99 < 1 ms"));
    }

    [Test]
    public void Only_a_ratio_target_judges_the_ratio()
    {
        Assert.That(Target.RatioAtLeast(0.7).OnRatio, Is.True);
        Assert.That(Target.AtLeast(1000, "≥ 1 GB/s").OnRatio, Is.False);
        Assert.That(Target.Below(1000, "p99 < 1 ms").OnRatio, Is.False);
    }

    [Test]
    public void A_threshold_that_is_not_a_number_is_refused()
    {
        Assert.That(() => Target.RatioAtLeast(double.NaN), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
