namespace Testbed.Twin.Detector.Files;

/// <summary>Frames waiting for a slow disk (a <c>slow_disk</c> fault): writes run one after the other, each finishing an extra delay
/// of twin time after the later of its frame's time and the previous write; nothing is lost, the series just ends later.</summary>
/// <remarks>Finish times are computed from the frames' own (virtual) time stamps, not from when a thread ran, so they are exact on a
/// stepped clock and the same at any rate. The first failed write is kept and fails the series; later writes are skipped.</remarks>
internal sealed class DiskQueue(TimeProvider clock)
{
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;
    private DateTimeOffset _freeAt = DateTimeOffset.MinValue;
    private CancellationTokenSource _cancel = new();
    private CancellationTokenSource _hurry = new();
    private Exception? _failure;
    private int _queued;

    /// <summary>Frames queued and not yet written.</summary>
    public int Queued { get { lock (_gate) return _queued; } }

    /// <summary>The first write that failed, or null.</summary>
    public Exception? Failure { get { lock (_gate) return _failure; } }

    /// <summary>Queues <paramref name="write"/> for a frame made at <paramref name="frameTime"/>; it runs <paramref name="extra"/> after the disk is free.</summary>
    public void Enqueue(DateTimeOffset frameTime, TimeSpan extra, Action write)
    {
        lock (_gate)
        {
            _queued++;
            _freeAt = (frameTime > _freeAt ? frameTime : _freeAt) + extra;
            // The timer starts now, while the clock has not passed its instant yet.
            var wait = Wait(_freeAt - clock.GetUtcNow(), _hurry.Token);
            _tail = RunAsync(_tail, wait, write, _cancel.Token, _hurry.Token);
        }
    }

    /// <summary>Completes when every queued write is done (or skipped).</summary>
    public Task DrainAsync() { lock (_gate) return _tail; }

    /// <summary>Drops every queued write (abort) and forgets the past: the next series starts with an idle disk.</summary>
    public async Task CancelAsync()
    {
        Task tail;
        lock (_gate)
        {
            _cancel.Cancel();
            _hurry.Cancel();
            tail = _tail;
        }
        await tail;
        Reset();
    }

    /// <summary>Writes every queued frame now, without its delay (the twin stopping: its clock may never reach the delays).</summary>
    public void Hurry()
    {
        lock (_gate) _hurry.Cancel();
    }

    /// <summary>Forgets the failure and the disk's schedule (a new series).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            if (_queued > 0) return;
            _failure = null;
            _freeAt = DateTimeOffset.MinValue;
            if (_cancel.IsCancellationRequested) _cancel = new CancellationTokenSource();
            if (_hurry.IsCancellationRequested) _hurry = new CancellationTokenSource();
        }
    }

    private Task Wait(TimeSpan due, CancellationToken token) => due > TimeSpan.Zero ? Task.Delay(due, clock, token) : Task.CompletedTask;

    private async Task RunAsync(Task previous, Task wait, Action write, CancellationToken token, CancellationToken hurry)
    {
        await previous.ConfigureAwait(false); // never faults: failures are kept in _failure
        try
        {
            try { await wait.ConfigureAwait(false); }
            catch (OperationCanceledException) when (hurry.IsCancellationRequested) { }
            if (Failure is null && !token.IsCancellationRequested) write();
        }
        catch (Exception e)
        {
            lock (_gate) _failure ??= e;
        }
        finally
        {
            lock (_gate) _queued--;
        }
    }
}
