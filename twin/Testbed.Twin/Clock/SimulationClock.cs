namespace Testbed.Twin.Clock;

/// <summary>A <see cref="TimeProvider"/> whose time runs at a rate (1× real time or faster), and can be paused and stepped.</summary>
/// <remarks>
/// Models, twins and the scan stack read time only through a <see cref="TimeProvider"/>; giving them a
/// <see cref="SimulationClock"/> lets scenarios run faster than real time and tests step time exactly.
/// Timers created here fire in virtual time: while running, a private scheduler thread waits the real
/// interval that corresponds to the next due time; while paused, only <see cref="Advance"/> fires them.
/// </remarks>
public sealed class SimulationClock : TimeProvider, IDisposable
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _origin;
    private readonly object _gate = new();
    private readonly List<SimulationTimer> _timers = [];
    private readonly Thread _scheduler;
    private long _baseRealTimestamp;
    private TimeSpan _baseVirtual;
    private double _rate;
    private bool _paused;
    private bool _disposed;

    /// <summary>Creates a clock starting at <paramref name="start"/> (default: the real current time) running at <paramref name="rate"/>.</summary>
    public SimulationClock(double rate = 1.0, DateTimeOffset? start = null, bool paused = false, TimeProvider? realTime = null)
    {
        ValidateRate(rate);
        _real = realTime ?? System;
        _origin = start ?? _real.GetUtcNow();
        _rate = rate;
        _paused = paused;
        _baseRealTimestamp = _real.GetTimestamp();
        _scheduler = new Thread(RunScheduler) { IsBackground = true, Name = "SimulationClock" };
        _scheduler.Start();
    }

    /// <summary>Virtual seconds per real second.</summary>
    public double Rate
    {
        get { lock (_gate) return _rate; }
        set
        {
            ValidateRate(value);
            lock (_gate)
            {
                Rebase();
                _rate = value;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>True while virtual time stands still (only <see cref="Advance"/> moves it).</summary>
    public bool IsPaused { get { lock (_gate) return _paused; } }

    /// <summary>Virtual time elapsed since the clock was created.</summary>
    public TimeSpan Elapsed { get { lock (_gate) return VirtualNow(); } }

    /// <summary>When each pending timer falls due, as <see cref="Elapsed"/> values, earliest first.</summary>
    /// <remarks>Lets a test or a scenario runner see that the simulation is waiting, and until when, before it steps a paused clock.</remarks>
    public IReadOnlyList<TimeSpan> PendingDueTimes
    {
        get { lock (_gate) return _timers.Select(t => t.DueAt).Order().ToList(); }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _origin + Elapsed;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => Elapsed.Ticks;

    /// <summary>Stops virtual time.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            Rebase();
            _paused = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Lets virtual time run again at <see cref="Rate"/>.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            Rebase();
            _paused = false;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Moves virtual time forward by <paramref name="delta"/>, firing every timer that falls due on the way, in order, on the calling thread.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        TimeSpan target;
        lock (_gate)
        {
            Rebase();
            target = _baseVirtual + delta;
        }
        while (true)
        {
            SimulationTimer? due;
            lock (_gate)
            {
                due = NextDue(target);
                if (due is null)
                {
                    Rebase();
                    if (_baseVirtual < target) _baseVirtual = target;
                    Monitor.PulseAll(_gate);
                    return;
                }
                Rebase();
                if (_baseVirtual < due.DueAt) _baseVirtual = due.DueAt;
                Consume(due);
            }
            due.Invoke();
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulationTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Stops the scheduler thread; pending timers never fire.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timers.Clear();
            Monitor.PulseAll(_gate);
        }
    }

    internal void Schedule(SimulationTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan || _disposed) return;
            timer.DueAt = VirtualNow() + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            timer.Period = period;
            _timers.Add(timer);
            Monitor.PulseAll(_gate);
        }
    }

    internal void Unschedule(SimulationTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private static void ValidateRate(double rate)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The clock rate must be a positive finite number of virtual seconds per real second.");
    }

    // Folds the real time passed since the last rebase into _baseVirtual, so rate/pause changes keep time continuous.
    private void Rebase()
    {
        _baseVirtual = VirtualNow();
        _baseRealTimestamp = _real.GetTimestamp();
    }

    private TimeSpan VirtualNow()
    {
        if (_paused) return _baseVirtual;
        var real = _real.GetElapsedTime(_baseRealTimestamp);
        return _baseVirtual + TimeSpan.FromTicks((long)(real.Ticks * _rate));
    }

    private SimulationTimer? NextDue(TimeSpan until)
    {
        SimulationTimer? best = null;
        foreach (var t in _timers)
            if (t.DueAt <= until && (best is null || t.DueAt < best.DueAt)) best = t;
        return best;
    }

    private void Consume(SimulationTimer timer)
    {
        _timers.Remove(timer);
        if (timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan)
        {
            timer.DueAt += timer.Period;
            _timers.Add(timer);
        }
    }

    private void RunScheduler()
    {
        while (true)
        {
            SimulationTimer? fire = null;
            lock (_gate)
            {
                if (_disposed) return;
                var now = VirtualNow();
                var next = NextDue(TimeSpan.MaxValue);
                if (next is null || _paused)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                if (next.DueAt <= now)
                {
                    Consume(next);
                    fire = next;
                }
                else
                {
                    var realWait = TimeSpan.FromTicks((long)Math.Ceiling((next.DueAt - now).Ticks / _rate));
                    Monitor.Wait(_gate, realWait > TimeSpan.FromMilliseconds(int.MaxValue) ? TimeSpan.FromMilliseconds(int.MaxValue) : realWait);
                    continue;
                }
            }
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Invoke(), fire, preferLocal: false);
        }
    }
}
