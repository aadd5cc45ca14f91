using System.Collections.Concurrent;

namespace Testbed.Scans.Tests.Support;

/// <summary>Real time whose timers a test can hold: while closed, a timer that falls due waits until <see cref="Open"/>, so a test
/// knows a service is inside a given wait (an exposure) and can act before the wait ends.</summary>
public sealed class GatedClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<Action> _held = [];
    private bool _closed;

    /// <summary>Due times of the timers created while the gate was closed, in order.</summary>
    public ConcurrentQueue<TimeSpan> CreatedWhileClosed { get; } = new();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public void Close()
    {
        lock (_lock) _closed = true;
    }

    public void Open()
    {
        List<Action> held;
        lock (_lock)
        {
            _closed = false;
            held = [.. _held];
            _held.Clear();
        }
        foreach (var h in held) h();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
            if (_closed) CreatedWhileClosed.Enqueue(dueTime);
        return System.CreateTimer(s =>
        {
            lock (_lock)
            {
                if (_closed)
                {
                    _held.Add(() => callback(s));
                    return;
                }
            }
            callback(s);
        }, state, dueTime, period);
    }
}
