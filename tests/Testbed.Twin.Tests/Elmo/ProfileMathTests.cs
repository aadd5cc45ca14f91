using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>The closed-form profile: trapezoid/triangle timing, re-planning from motion, the first-order lag and exact crossing times.</summary>
public class ProfileMathTests
{
    private static Trajectory Ptp(double p0, double v0, double target, double vmax, double acc, double dec, double tau = 0) =>
        Trajectory.Build(new MotionState(0, p0, v0, p0), tau, ProfilePlanner.PointToPoint(p0, v0, target, vmax, acc, dec), cruise: false, finalReference: target);

    [Test]
    public void Trapezoid_takes_ramp_plus_cruise_time()
    {
        var t = Ptp(0, 0, 262222, 377599, 755199, 755199);
        var ramp = 377599.0 / 755199;
        var cruise = (262222 - 377599.0 * 377599 / 755199) / 377599;
        Assert.That(t.ProfilerEnd, Is.EqualTo(2 * ramp + cruise).Within(1e-9));
        Assert.That(t.At(ramp + cruise / 2).Velocity, Is.EqualTo(377599).Within(1e-6));
        Assert.That(t.At(t.ProfilerEnd).Reference, Is.EqualTo(262222).Within(1e-6));
    }

    [Test]
    public void Short_move_is_a_triangle_with_the_spec_peak_velocity()
    {
        double d = 1000, acc = 1e6, dec = 4e6;
        var t = Ptp(0, 0, d, 1e8, acc, dec);
        var peak = Math.Sqrt(2 * d * acc * dec / (acc + dec));
        var tPeak = peak / acc;
        Assert.That(t.At(tPeak).Velocity, Is.EqualTo(peak).Within(1e-6));
        Assert.That(t.ProfilerEnd, Is.EqualTo(tPeak + peak / dec).Within(1e-9));
    }

    [TestCase(50000, 20000, 100000)]
    [TestCase(50000, -20000, 100000)]
    [TestCase(95000, 90000, 100000)]
    [TestCase(0, 150000, 100000)]
    public void Replanning_from_motion_ends_at_rest_on_the_target(double p0, double v0, double target)
    {
        var t = Ptp(p0, v0, target, 100000, 1e6, 2e6);
        var end = t.At(t.ProfilerEnd);
        Assert.That(end.Reference, Is.EqualTo(target).Within(1e-3));
        Assert.That(end.Velocity, Is.EqualTo(0).Within(1e-6));
        for (var s = 0.0; s < t.ProfilerEnd; s += t.ProfilerEnd / 200)
            Assert.That(Math.Abs(t.At(s).Velocity), Is.LessThanOrEqualTo(Math.Max(100000, Math.Abs(v0)) + 1e-6));
    }

    [Test]
    public void Lagged_position_matches_a_fine_numerical_integration()
    {
        const double tau = 0.005;
        var t = Ptp(0, 0, 20000, 100000, 1e6, 1e6, tau);
        double x = 0, dt = 1e-6;
        for (var s = 0.0; s < 0.3; s += dt) x += (t.At(s).Reference - x) / tau * dt;
        Assert.That(t.At(0.3).Actual, Is.EqualTo(x).Within(0.5));
    }

    [Test]
    public void Crossing_is_found_at_the_exact_time()
    {
        var t = Trajectory.Build(new MotionState(0, 0, 0, 0), 0.005, ProfilePlanner.Velocity(0, 10000, 1e9, 1e9), cruise: true);
        WatchLevel level = (in MotionState s, in MotionState _) => s.Actual - 5000;
        var hit = CrossingFinder.First(t, 0, 10, [level]);
        Assert.That(hit, Is.Not.Null);
        Assert.That(t.At(hit!.Value.Time).Actual, Is.EqualTo(5000).Within(1e-3));
        Assert.That(hit.Value.Time, Is.EqualTo(0.5 + 0.005).Within(1e-4), "x lags the reference by v·τ");
    }

    [Test]
    public void Homing_on_switch_then_index_latches_at_the_index_pulse()
    {
        using var clock = new Testbed.Twin.Clock.SimulationClock(paused: true);
        var drive = new ElmoDrive(clock, new ElmoDriveSettings { HomeSwitch = (-1000, 1000), IndexPeriod = 4096, IndexOffset = 300, InitialPosition = -20000, PositionLag = TimeSpan.Zero });
        Assert.That(drive.MotorOn(), Is.EqualTo(ElmoError.None));
        drive.SetHoming(3, 3);
        drive.SetHoming(2, 1_000_000);
        drive.SetHoming(4, 2);
        drive.SetHoming(5, 0);
        drive.SetHoming(1, 1);
        drive.SetJogVelocity(10000);
        drive.Begin();
        clock.Advance(TimeSpan.FromSeconds(3));
        // Switch at -1000 (t≈1.9 s), then the next index at 300 (t = 2.03 s): PX := 1e6 there, and the jog goes on (HM[4]=2).
        var expected = 1_000_000 + (3.0 - (20300 / 10000.0 + 10000 / 2e6)) * 10000;
        Assert.That(drive.Homing(1), Is.Zero);
        Assert.That(drive.Snapshot().Position, Is.EqualTo(expected).Within(1));
        Assert.That(drive.MotionStatus, Is.EqualTo(2));
    }
}
