using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.FileWriter;

/// <summary>One scan the file writer follows: its status at open, its segments by point_id, and where its master file goes.</summary>
public sealed class WrittenScan(ScanStatusMessage open)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, ScanMessage> _segments = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScanStatusMessage Open { get; } = open;

    public string ScanId => Open.ScanId ?? "";

    /// <summary>Set once the scan's end was seen (the master file is being written).</summary>
    public bool Ending { get; set; }

    /// <summary>&lt;file_components[0]&gt;_master.h5.</summary>
    public string MasterFile =>
        FileLayout.MasterFile(Open.Info.GetOrNull("file_components") is BecList { Count: > 0 } c ? c.AsStrings() : [Path.Combine(Path.GetTempPath(), ScanId)]);

    public int Count
    {
        get { lock (_lock) return _segments.Count; }
    }

    public IReadOnlyList<ScanMessage> Segments
    {
        get { lock (_lock) return [.. _segments.Values]; }
    }

    /// <summary>The point ids below <paramref name="limit"/> without a segment yet.</summary>
    public IReadOnlyList<long> Missing(long limit)
    {
        lock (_lock)
        {
            var missing = new List<long>();
            for (long p = 0; p < limit; p++)
                if (!_segments.ContainsKey(p)) missing.Add(p);
            return missing;
        }
    }

    /// <summary>The highest point id with a segment, or −1.</summary>
    public long Highest
    {
        get { lock (_lock) return _segments.Count > 0 ? _segments.Keys.Max() : -1; }
    }

    public void Add(ScanMessage segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        TaskCompletionSource changed;
        lock (_lock)
        {
            _segments[segment.PointId] = segment;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> segments are in, the timeout passes, or <paramref name="ct"/> is cancelled.</summary>
    public async Task WaitForAsync(long count, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_segments.Count >= count) return;
                changed = _changed.Task;
            }
            var left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) return;
            try { await changed.WaitAsync(left, time, ct); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException) { return; }
        }
    }
}
