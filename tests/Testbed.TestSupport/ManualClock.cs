namespace Testbed.TestSupport;

/// <summary>A <see cref="TimeProvider"/> that stands still until a test advances it; its timers fire in due order on the advancing thread.</summary>
/// <remarks>
/// For tests of code that must not know the twin (drivers): the twin's own tests step its <c>SimulationClock</c>.
/// <see cref="PendingDueTimes"/> tells a test when the code under test has started to wait, and for how long, so
/// "not yet" is asserted at the exact instant before a deadline and "now" at the deadline. A timer due now (zero
/// delay) fires on the next <see cref="Advance"/>, even <c>Advance(TimeSpan.Zero)</c>, never on its own.
/// </remarks>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly DateTimeOffset _origin;
    private TimeSpan _elapsed;

    public ManualClock(DateTimeOffset? start = null) => _origin = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time advanced since the clock was made.</summary>
    public TimeSpan Elapsed { get { lock (_lock) return _elapsed; } }

    /// <summary>When each pending timer falls due, as <see cref="Elapsed"/> values, earliest first.</summary>
    public IReadOnlyList<TimeSpan> PendingDueTimes
    {
        get { lock (_lock) return _timers.Select(t => t.DueAt).Order().ToList(); }
    }

    public override DateTimeOffset GetUtcNow() => _origin + Elapsed;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Elapsed.Ticks;

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer due on the way in order (periodic ones repeatedly).</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        TimeSpan target;
        lock (_lock) target = _elapsed + delta;
        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _elapsed = target;
                    return;
                }
                if (_elapsed < due.DueAt) _elapsed = due.DueAt;
                _timers.Remove(due);
                if (due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan)
                {
                    due.DueAt += due.Period;
                    _timers.Add(due);
                }
            }
            due.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock owner, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = owner._elapsed + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                Period = period;
                owner._timers.Add(this);
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._lock) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
