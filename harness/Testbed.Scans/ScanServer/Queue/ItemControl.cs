namespace Testbed.Scans.ScanServer.Queue;

/// <summary>How a running item was asked to stop: abort (stop devices, status aborted), halt (status halted), user_completed
/// (finish the current point, then end normally), shutdown (the scan server stops: aborted, blissdata FAILURE).</summary>
public enum StopKind
{
    Abort,
    Halt,
    UserCompleted,
    Shutdown,
}

/// <summary>The queue's levers on a running item: stop (cancels its waits at once), pause now or at the next point, resume.</summary>
public sealed class ItemControl : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource? _resume;
    private bool _pauseNow;
    private bool _pauseAtPoint;

    /// <summary>Set once a stop was asked for.</summary>
    public StopKind? Stop { get; private set; }

    /// <summary>Cancelled by abort and halt (not by user_completed, which lets the point finish).</summary>
    public CancellationToken StopToken => _stop.Token;

    public bool PauseRequested
    {
        get { lock (_lock) return _pauseNow || _pauseAtPoint; }
    }

    public void RequestStop(StopKind kind)
    {
        lock (_lock)
        {
            Stop ??= kind;
            _resume?.TrySetResult();
        }
        if (kind == StopKind.UserCompleted) return;
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { } // the item has ended meanwhile: nothing left to stop
    }

    /// <summary>pause (at the next instruction) or deferred_pause (at the next point).</summary>
    public void RequestPause(bool deferred)
    {
        lock (_lock)
        {
            if (deferred) _pauseAtPoint = true;
            else _pauseNow = true;
        }
    }

    public void Resume()
    {
        lock (_lock)
        {
            _pauseNow = _pauseAtPoint = false;
            _resume?.TrySetResult();
        }
    }

    /// <summary>Where a run may stop or pause: throws when aborted or halted; when a pause is due here, calls
    /// <paramref name="paused"/>, waits for resume (or a stop), then calls <paramref name="resumed"/>. Returns false once
    /// user_completed was asked at a point boundary.</summary>
    public async Task<bool> CheckpointAsync(bool pointBoundary, Func<Task> paused, Func<Task> resumed)
    {
        ArgumentNullException.ThrowIfNull(paused);
        ArgumentNullException.ThrowIfNull(resumed);
        StopToken.ThrowIfCancellationRequested();
        if (pointBoundary && Stop == StopKind.UserCompleted) return false;
        Task wait;
        lock (_lock)
        {
            if (!(_pauseNow || (pointBoundary && _pauseAtPoint))) return true;
            _resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _resume.Task;
        }
        await paused();
        await wait;
        StopToken.ThrowIfCancellationRequested();
        await resumed();
        return !(pointBoundary && Stop == StopKind.UserCompleted);
    }

    public void Dispose() => _stop.Dispose();
}
