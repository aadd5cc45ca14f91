namespace Testbed.Twin.Clock;

/// <summary>A timer of a <see cref="SimulationClock"/>; due times are in virtual time.</summary>
internal sealed class SimulationTimer(SimulationClock clock, TimerCallback callback, object? state) : ITimer
{
    private int _disposed;

    internal TimeSpan DueAt { get; set; }

    internal TimeSpan Period { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Volatile.Read(ref _disposed) != 0) return false;
        clock.Schedule(this, dueTime, period);
        return true;
    }

    internal void Invoke()
    {
        if (Volatile.Read(ref _disposed) == 0) callback(state);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) clock.Unschedule(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
