using Testbed.Bench.Results;

namespace Testbed.Bench.Tests.Results;

public class ResultSheetTests
{
    [Test]
    public void Runs_are_grouped_by_case_in_the_order_cases_first_appear()
    {
        var sheet = new ResultSheet();
        var t = Target.RatioAtLeast(0.8);
        for (var run = 0; run < 3; run++)
        {
            sheet.Add("(b) publisher", "frames/s", t, new Measurement(100 + run, 100));
            sheet.Add("(b) reader", "frames/s", t, new Measurement(50 + run, 100));
        }
        var results = sheet.Results();
        Assert.That(results.Select(r => r.Name), Is.EqualTo(new[] { "(b) publisher", "(b) reader" }));
        Assert.That(results[0].Repetitions.Select(m => m.Value), Is.EqualTo(new[] { 100.0, 101.0, 102.0 }));
        Assert.That(results[1].Verdict, Is.EqualTo(Verdict.NotMet));
    }

    [Test]
    public void A_case_cannot_change_its_unit_or_target_between_runs()
    {
        var sheet = new ResultSheet();
        sheet.Add("hdf5", "MB/s", Target.RatioAtLeast(0.7), new Measurement(1, 1));
        Assert.That(() => sheet.Add("hdf5", "frames/s", Target.RatioAtLeast(0.7), new Measurement(1, 1)), Throws.ArgumentException);
        Assert.That(() => sheet.Add("hdf5", "MB/s", Target.RatioAtLeast(0.8), new Measurement(1, 1)), Throws.ArgumentException);
    }
}
