using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Testbed.Blissdata;
using Testbed.Writer.Bec;

namespace Testbed.Writer.Service;

/// <summary>The scan-file writer as a hosted service: at start it resumes the scans of the history still running (or left
/// incomplete by an earlier run), then follows every new scan of the blissdata Redis, one <see cref="ScanFollower"/> each.</summary>
public sealed class WriterService(WriterOptions options) : BackgroundService
{
    private readonly ILogger _logger = options.LoggerFactory.CreateLogger<WriterService>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _followers = [];
    private readonly Lock _lock = new();
    private int _written;
    private long _rows;

    public WriterOptions Options { get; } = options;

    /// <summary>Completes once the writer follows the history (new scans from then on are written).</summary>
    public Task Ready => _ready.Task;

    /// <summary>Files completed by this run.</summary>
    public int FilesWritten => _written;

    /// <summary>Rows appended to data sets by this run, over all scans and channels.</summary>
    public long RowsWritten => Interlocked.Read(ref _rows);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BecFileAnnouncer? bec = null;
        DataStore? store = null;
        try
        {
            store = await ConnectAsync(stoppingToken);
            if (Options.Bec is { } mode) bec = await BecFileAnnouncer.StartAsync(mode, Options.Time, _logger);
            var follower = new ScanFollower(Options, bec, _logger, n => Interlocked.Add(ref _rows, n));
            var since = await store.GetLastScanTimetagAsync();
            foreach (var key in await UnfinishedAsync(store)) Start(follower, store, key, stoppingToken);
            _ready.TrySetResult();
            _logger.LogInformation("writer: following scans on {Redis}", Options.RedisUrl);
            while (!stoppingToken.IsCancellationRequested)
            {
                string key;
                try
                {
                    var next = await store.GetNextScanAsync(since, timeout: null, stoppingToken);
                    (since, key) = (next.Timetag, next.Key);
                }
                catch (Exception e) when (WriterOutage.IsTransient(e))
                {
                    // Redis away (restarting): the history is read again from the last scan seen, so none is missed.
                    await Task.Delay(WriterOutage.Pause, TimeProvider.System, stoppingToken);
                    continue;
                }
                Start(follower, store, key, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception e) when (e is BlissdataException or RedisException or IOException or Testbed.Bec.BecException)
        {
            _logger.LogError("writer: {Message}", e.Message);
            _ready.TrySetException(e);
            throw;
        }
        finally
        {
            Task[] running;
            lock (_lock) running = [.. _followers];
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            if (bec is not null) await bec.DisposeAsync();
            if (store is not null) await store.DisposeAsync();
        }
    }

    /// <summary>Connects; a database no publisher has initialised yet is waited for (a writer may start first).</summary>
    private async Task<DataStore> ConnectAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return await DataStore.ConnectAsync(Options.RedisUrl, new DataStoreOptions { Time = Options.Time }); }
            catch (ProtocolException e) when (e.Message.StartsWith("No blissdata protocol", StringComparison.Ordinal))
            {
                if (attempt == 0) _logger.LogInformation("writer: {Redis} has no blissdata database yet; waiting for a publisher to initialise it", Options.RedisUrl);
                await Task.Delay(Options.ConnectRetry, Options.Time, ct);
            }
        }
    }

    private void Start(ScanFollower follower, DataStore store, string key, CancellationToken ct)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                if (await FollowThroughOutagesAsync(follower, store, key, ct) is { } path)
                {
                    Interlocked.Increment(ref _written);
                    _logger.LogInformation("writer: {Key} → {Path}", key, path);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is BlissdataException or RedisException or IOException)
            {
                _logger.LogError("writer: scan {Key}: {Message}", key, e.Message);
            }
        }, CancellationToken.None);
        lock (_lock)
        {
            _followers.RemoveAll(t => t.IsCompleted);
            _followers.Add(task);
        }
    }

    /// <summary>Follows the scan; when Redis goes away meanwhile, follows it again once it is back (the file is resumed from the rows it
    /// holds), until <see cref="WriterOutage.Limit"/> has passed without success.</summary>
    private async Task<string?> FollowThroughOutagesAsync(ScanFollower follower, DataStore store, string key, CancellationToken ct)
    {
        var since = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try { return await follower.FollowAsync(store, key, ct); }
            catch (Exception e) when (WriterOutage.IsTransient(e) && TimeProvider.System.GetElapsedTime(since) < WriterOutage.Limit)
            {
                _logger.LogWarning("writer: scan {Key}: Redis away ({Message}); following it again once it is back", key, e.Message.Split('\n')[0]);
                await Task.Delay(WriterOutage.Pause, TimeProvider.System, ct);
            }
        }
    }

    /// <summary>Scans of the newest history entries that are not closed, or whose entry an earlier run left without end_time.</summary>
    private async Task<IReadOnlyList<string>> UnfinishedAsync(DataStore store)
    {
        var entries = await store.Database.StreamRangeAsync(Protocol.HistoryKey, "-", "+", Options.ResumeLookback, Order.Descending);
        var keys = new List<string>();
        foreach (var e in entries.Reverse())
        {
            var key = e["key"].ToString();
            try
            {
                var scan = await store.LoadScanAsync(key);
                if (scan.State != ScanState.Closed || Nexus.NexusScanFile.IsIncomplete(scan)) keys.Add(key);
            }
            catch (BlissdataException)
            {
                // Deleted or expired since: nothing to write.
            }
        }
        return keys;
    }
}
