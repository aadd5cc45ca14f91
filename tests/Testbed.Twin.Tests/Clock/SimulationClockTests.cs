using Testbed.TestSupport;
using Testbed.Twin.Clock;

namespace Testbed.Twin.Tests.Clock;

public class SimulationClockTests
{
    [Test]
    public void Paused_clock_moves_only_when_advanced()
    {
        var real = new ManualClock();
        using var clock = new SimulationClock(paused: true, realTime: real);
        var t0 = clock.GetUtcNow();
        real.Advance(TimeSpan.FromHours(1));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(t0), "an hour of real time passed");
        clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.That(clock.GetUtcNow() - t0, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Assert.That(clock.GetElapsedTime(0), Is.EqualTo(TimeSpan.FromSeconds(2.5)));
    }

    [Test]
    public void Advance_fires_due_timers_in_virtual_order_and_repeats_periodic_ones()
    {
        using var clock = new SimulationClock(paused: true);
        var fired = new List<string>();
        using var a = clock.CreateTimer(_ => fired.Add($"a@{clock.Elapsed.TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        using var b = clock.CreateTimer(_ => fired.Add($"b@{clock.Elapsed.TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150));
        clock.Advance(TimeSpan.FromMilliseconds(420));
        Assert.That(fired, Is.EqualTo(new[] { "b@100", "b@250", "a@300", "b@400" }));
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(420)));
    }

    [Test]
    public void Pending_due_times_show_what_the_simulation_waits_for()
    {
        using var clock = new SimulationClock(paused: true);
        Assert.That(clock.PendingDueTimes, Is.Empty);
        using var a = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var b = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3) }));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6) }), "the periodic timer is due again");
        a.Dispose();
        Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { TimeSpan.FromSeconds(6) }));
    }

    [Test]
    public void Disposed_or_changed_timer_does_not_fire()
    {
        using var clock = new SimulationClock(paused: true);
        var count = 0;
        var t1 = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var t2 = clock.CreateTimer(_ => count += 10, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        t1.Dispose();
        t2.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.That(count, Is.Zero);
    }

    [Test]
    public async Task Running_clock_at_100x_completes_a_virtual_delay_in_a_hundredth_of_the_real_time()
    {
        // What is tested here is the scheduler's pacing against the wall clock, so this one test reads it: the virtual
        // time is asserted exactly, the real time only as a generous upper bound (5 s virtual = 50 ms real at 100x).
        using var clock = new SimulationClock(rate: 100);
        var real = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5), clock);
        real.Stop();
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(real.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Changing_rate_or_pausing_keeps_time_continuous()
    {
        var real = new ManualClock();
        using var clock = new SimulationClock(rate: 50, realTime: real);
        real.Advance(TimeSpan.FromMilliseconds(20));
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(1000)), "20 ms real at 50x");
        clock.Pause();
        real.Advance(TimeSpan.FromSeconds(10));
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(1000)), "paused");
        clock.Rate = 1;
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(1000)), "a rate change does not jump");
        clock.Resume();
        real.Advance(TimeSpan.FromMilliseconds(20));
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(1020)), "20 ms real at 1x after resuming");
        clock.Rate = 4;
        real.Advance(TimeSpan.FromMilliseconds(5));
        Assert.That(clock.Elapsed, Is.EqualTo(TimeSpan.FromMilliseconds(1040)));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Rejects_a_rate_that_is_not_positive(double rate)
    {
        Assert.That(() => new SimulationClock(rate), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
