using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Redis;

namespace Testbed.Scans.ScanServer.Queue;

/// <summary>The primary queue: its items and state, published on <c>info/queue/queue_status</c> (SET+PUB) at every change,
/// finished items LPUSHed to <c>info/queue/queue_history</c> (LTRIM 0 99).</summary>
/// <remarks>Publications are serialised, each showing the state at the moment it is built, so they arrive in the order of the changes.</remarks>
public sealed class ScanQueue
{
    public const string Primary = "primary";
    private const int HistoryLength = 100;

    private readonly BecConnector _bec;
    private readonly Lock _lock = new();
    private readonly List<QueueItem> _items = [];
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly SemaphoreSlim _work = new(0);
    private QueueStatus _status = QueueStatus.Running;

    public ScanQueue(BecConnector bec) => _bec = bec;

    public QueueStatus Status
    {
        get { lock (_lock) return _status; }
        set { lock (_lock) _status = value; Wake(); }
    }

    public IReadOnlyList<QueueItem> Items
    {
        get { lock (_lock) return [.. _items]; }
    }

    /// <summary>The item being run, if any.</summary>
    public QueueItem? Running
    {
        get { lock (_lock) return _items.FirstOrDefault(i => i.Started && !i.Finished); }
    }

    /// <summary>Queues <paramref name="item"/> and publishes the queue with it pending, then lets the worker take it: as in BEC, the
    /// pending status is on the wire before the worker's first write for the item (its scan number).</summary>
    public async Task AddAsync(QueueItem item)
    {
        lock (_lock) _items.Add(item);
        try { await PublishAsync(); }
        finally { Wake(); }
    }

    public void Remove(QueueItem item)
    {
        lock (_lock) _items.Remove(item);
        Wake();
    }

    /// <summary>SET+PUB the queue status <paramref name="times"/> times (the recorded server repeats some states).</summary>
    public async Task PublishAsync(int times = 1)
    {
        await _publishing.WaitAsync();
        try
        {
            ScanQueueStatusMessage message;
            lock (_lock)
            {
                message = new ScanQueueStatusMessage
                {
                    Queue = [new(Primary, new ScanQueueStatus { Info = [.. _items.Select(i => i.Entry())], Status = _status, Locks = [] })],
                };
            }
            for (var i = 0; i < times; i++) await Bus.BecOutage.RetryAsync(() => _bec.SetAndPublishAsync(MessageEndpoints.ScanQueueStatus(), message));
        }
        finally { _publishing.Release(); }
    }

    /// <summary>LPUSH the finished item to the history and trim it to 100 entries.</summary>
    public Task RecordHistoryAsync(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _bec.LPushAsync(MessageEndpoints.ScanQueueHistory(), new ScanQueueHistoryMessage
        {
            Status = item.Status,
            QueueId = item.QueueId,
            Info = item.Entry(),
            Queue = Primary,
        }, maxSize: HistoryLength);
    }

    /// <summary>The next pending item once the queue runs (waits for one).</summary>
    public async Task<QueueItem> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_status == QueueStatus.Running && _items.FirstOrDefault(i => i.Status == QueueItemStatus.Pending) is { } next) return next;
            }
            await _work.WaitAsync(ct);
        }
    }

    /// <summary>How many scans wait before a new one (for its predicted scan number).</summary>
    public int WaitingScans
    {
        get { lock (_lock) return _items.Count(i => i.Job.IsScan && !i.Started && !i.Finished); }
    }

    private void Wake()
    {
        if (_work.CurrentCount == 0) _work.Release();
    }
}
