namespace Testbed.Scenarios.Running;

/// <summary>What happened during a run, stamped with twin time: steps, faults as they fire and clear, skips, errors, the services' warnings.</summary>
internal sealed class RunLog
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly DateTimeOffset _started = TimeProvider.System.GetUtcNow();

    /// <summary>The twin's clock once it runs; real time since the run began until then (and against hardware).</summary>
    public Func<double>? Clock { get; set; }

    public double Now => Clock?.Invoke() ?? (TimeProvider.System.GetUtcNow() - _started).TotalSeconds;

    /// <summary>Each entry as it is added (from whichever thread adds it).</summary>
    public event Action<LogEntry>? Added;

    public void Add(string kind, string text)
    {
        var entry = new LogEntry(Math.Round(Now, 3), kind, text);
        lock (_gate) _entries.Add(entry);
        Added?.Invoke(entry);
    }

    public IReadOnlyList<LogEntry> Entries { get { lock (_gate) return [.. _entries]; } }
}
