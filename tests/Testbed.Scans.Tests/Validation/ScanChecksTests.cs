using Testbed.Scans.Validation;

namespace Testbed.Scans.Tests.Validation;

/// <summary>Scans are refused before anything moves, in the user's terms.</summary>
public class ScanChecksTests
{
    private static readonly AxisRange Rot = new("rot", "deg", -170, 170, 0.05);

    [Test]
    public void A_scan_inside_the_limits_passes()
    {
        Assert.That(() => ScanChecks.Path("ascan", Rot, 0, [-10, -5, 0, 5, 10]), Throws.Nothing);
    }

    [Test]
    public void The_farthest_point_outside_is_named_with_the_limits()
    {
        var e = Assert.Throws<ScanParameterException>(() => ScanChecks.Path("ascan rot -1 500 10 0.01", Rot, 0, [-1, 199.4, 349.7, 500]))!;
        Assert.That(e.Message, Is.EqualTo("ascan rot -1 500 10 0.01: rot would go to 500 deg, outside the soft limits of rot (-170 … 170 deg); nothing moved; " +
                                          "choose positions inside the limits (or change low_limit/high_limit in the beamline file)"));
    }

    [Test]
    public void A_move_against_the_backlash_has_a_leg_past_the_target_that_must_fit()
    {
        // Backlash +0.05: a move in the negative direction stops at target - 0.05 first, then approaches upwards.
        var e = Assert.Throws<ScanParameterException>(() => ScanChecks.Path("ascan", Rot, 0, [-170]))!;
        Assert.That(e.Message, Does.Contain("the move of rot to -170 deg has a backlash leg to -170.05 deg, outside the soft limits").And.Contain("keep the scan 0.05 deg (the backlash) inside the limit"));
        Assert.That(() => ScanChecks.Path("ascan", Rot, -175 + 10, [170]), Throws.Nothing, "moving with the backlash there is no extra leg");
        Assert.That(() => ScanChecks.Path("ascan", Rot, 0, [-169.95]), Throws.Nothing, "the leg ends exactly on the limit");
    }

    [Test]
    public void Each_move_of_the_path_is_checked_from_where_the_previous_one_ended()
    {
        // From 10 down to 0: against the backlash; then up to 169.97 with it; then back to -169.97: the leg goes to -170.02.
        Assert.That(() => ScanChecks.Path("a", Rot, 10, [0, 169.97]), Throws.Nothing);
        Assert.That(() => ScanChecks.Path("a", Rot, 10, [0, 169.97, -169.97]), Throws.TypeOf<ScanParameterException>().With.Message.Contains("backlash leg to -170.02"));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void At_least_one_point(int points)
    {
        Assert.That(() => ScanChecks.Points("ascan", "the number of points", points),
            Throws.TypeOf<ScanParameterException>().With.Message.EqualTo($"ascan: the number of points must be at least 1, not {points}; nothing moved"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Numbers_must_be_finite(double value)
    {
        Assert.That(() => ScanChecks.Finite("ascan", "the end", value), Throws.TypeOf<ScanParameterException>().With.Message.Contains("is not a finite number"));
        Assert.That(() => ScanChecks.Path("ascan", Rot, 0, [value]), Throws.TypeOf<ScanParameterException>());
    }

    [TestCase(0.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void The_count_time_must_be_positive(double seconds)
    {
        Assert.That(() => ScanChecks.CountTime("ascan", seconds), Throws.TypeOf<ScanParameterException>().With.Message.Contains("the count time must be a positive number of seconds"));
    }
}
