using Testbed.Scans.Client;

namespace Testbed.Scenarios.Running;

/// <summary>A running scan's progress as the bundler reports it: its id and points done, and steps waiting for a number of points.</summary>
internal sealed class ScanPoints : IProgress<ScanProgressUpdate>
{
    private readonly Lock _gate = new();
    private readonly List<(long Points, TaskCompletionSource<bool> Reached)> _waiters = [];
    private bool _ended;

    public string? ScanId { get; private set; }

    public long Done { get; private set; }

    public void Report(ScanProgressUpdate value)
    {
        lock (_gate)
        {
            ScanId = value.ScanId;
            Done = Math.Max(Done, (long)value.Done);
            Release();
        }
    }

    /// <summary>The scan ended: waiters for points it never reached get false.</summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            Release();
        }
    }

    /// <summary>True once the scan has <paramref name="points"/> points; false if it ended first.</summary>
    public Task<bool> WaitAsync(long points, CancellationToken ct)
    {
        lock (_gate)
        {
            if (Done >= points) return Task.FromResult(true);
            if (_ended) return Task.FromResult(false);
            var reached = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((points, reached));
            return reached.Task.WaitAsync(ct);
        }
    }

    private void Release()
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (Done >= _waiters[i].Points) _waiters[i].Reached.TrySetResult(true);
            else if (_ended) _waiters[i].Reached.TrySetResult(false);
            else continue;
            _waiters.RemoveAt(i);
        }
    }
}
