using Testbed.Twin.Clock;

namespace Testbed.Twin.Tests.Clock;

public class SimulationClockTests
{
    [Test]
    public void Paused_clock_moves_only_when_advanced()
    {
        using var clock = new SimulationClock(paused: true);
        var t0 = clock.GetUtcNow();
        Thread.Sleep(30);
        Assert.That(clock.GetUtcNow(), Is.EqualTo(t0));
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
        using var clock = new SimulationClock(rate: 100);
        var real = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5), clock);
        real.Stop();
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)));
        // 5 s virtual = 50 ms real; allow generous scheduling slack on a loaded CI machine.
        Assert.That(real.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Changing_rate_or_pausing_keeps_time_continuous()
    {
        using var clock = new SimulationClock(rate: 50);
        Thread.Sleep(20);
        clock.Pause();
        var atPause = clock.Elapsed;
        Assert.That(atPause, Is.GreaterThan(TimeSpan.FromMilliseconds(500)));
        clock.Rate = 1;
        Assert.That(clock.Elapsed, Is.EqualTo(atPause));
        clock.Resume();
        Thread.Sleep(20);
        Assert.That(clock.Elapsed - atPause, Is.InRange(TimeSpan.FromMilliseconds(15), TimeSpan.FromSeconds(1)));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void Rejects_a_rate_that_is_not_positive(double rate)
    {
        Assert.That(() => new SimulationClock(rate), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
