using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Services;
using Testbed.Bec.Values;
using Testbed.Blissdata.Reading;
using Testbed.Writer.Service;

namespace Testbed.Writer.Bec;

/// <summary>BEC's file writer on the bus: heartbeat <c>FileWriterManager</c> and, for each scan with a <c>bec_scan_id</c>, the FileMessage
/// on <c>info/public/&lt;scan_id&gt;/file/master</c> three times as BEC's writer sends it — at open (done=false, is_master_file=false),
/// after close (done=false, is_master_file=true), then done=true with successful — so a client's ScanReport.wait() returns only once
/// the file is complete — and after it the scan's entry on <c>info/scans/scan_history</c> (<see cref="BecScanHistory"/>).</summary>
public sealed class BecFileAnnouncer : IFileAnnouncer, IAsyncDisposable
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3600);
    private readonly BecConnector _bec;
    private readonly ServiceHeartbeat _beat;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _statusWait;
    private readonly List<Task> _history = [];
    private readonly Lock _lock = new();

    private BecFileAnnouncer(BecConnector bec, ServiceHeartbeat beat, TimeProvider time, ILogger logger, TimeSpan statusWait)
    {
        _statusWait = statusWait;
        _logger = logger;
        _bec = bec;
        _beat = beat;
        _time = time;
    }

    /// <summary>Connects to BEC's Redis and starts the heartbeat (RUNNING at once).</summary>
    public static async Task<BecFileAnnouncer> StartAsync(BecMode mode, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var bec = await BecConnector.ConnectAsync(mode.RedisUrl, new BecConnectorOptions { Time = time }, clientName: "FileWriterManager");
        var beat = new ServiceHeartbeat(bec, "FileWriterManager", new ServiceHeartbeatOptions { Time = time, User = mode.User, Hostname = mode.Hostname });
        beat.Start();
        await beat.SetStatusAsync(BecStatus.Running);
        return new BecFileAnnouncer(bec, beat, time, logger ?? NullLogger.Instance, mode.StatusWait);
    }

    public Task OpenedAsync(Scan scan, string path) => SendAsync(scan, path, done: false, successful: false, isMaster: false);

    public async Task ClosedAsync(Scan scan, string path, bool successful)
    {
        await SendAsync(scan, path, done: false, successful: false, isMaster: true);
        await SendAsync(scan, path, done: true, successful: successful, isMaster: false);
        if (ScanId(scan) is not { } id) return;
        // The scan server publishes its final status just after the blissdata scan closes: waited for aside, so the next scan's
        // file does not wait behind it.
        lock (_lock)
        {
            _history.RemoveAll(t => t.IsCompleted);
            _history.Add(Task.Run(() => AddHistoryAsync(scan, id, path)));
        }
    }

    private async Task AddHistoryAsync(Scan scan, string id, string path)
    {
        // Tried again while BEC's Redis restarts (real time, as the writer's reads); a failure is one line in the log.
        var since = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                await _bec.XAddAsync(MessageEndpoints.ScanHistory(), await BecScanHistory.BuildAsync(_bec, scan, id, path, _statusWait, _time), maxSize: 10_000);
                return;
            }
            catch (Exception e) when (WriterOutage.IsTransient(e) && TimeProvider.System.GetElapsedTime(since) < WriterOutage.Limit)
            {
                await Task.Delay(WriterOutage.Pause, TimeProvider.System);
            }
            catch (Exception e) when (e is Testbed.Bec.BecException or StackExchange.Redis.RedisException or ObjectDisposedException || WriterOutage.IsTransient(e))
            {
                _logger.LogError("writer: scan {Number}: no entry on {Key}: {Message}", scan.Number, MessageEndpoints.ScanHistory().Endpoint, e.Message);
                return;
            }
        }
    }

    // The scan history entries still being added: the writer's stop waits for them.
    private Task HistoryWritten()
    {
        lock (_lock) return Task.WhenAll(_history);
    }

    private static string? ScanId(Scan scan) => scan.Info["bec_scan_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    private Task SendAsync(Scan scan, string path, bool done, bool successful, bool isMaster)
    {
        if (ScanId(scan) is not { } scanId) return Task.CompletedTask;
        return _bec.SetAndPublishAsync(MessageEndpoints.PublicFile(scanId, "master"), new FileMessage
        {
            FilePath = path,
            Done = done,
            Successful = successful,
            IsMasterFile = isMaster,
            DeviceName = BecValue.Nil,
            FileType = "h5",
            HintedH5Entries = done ? null : new BecMap(),
        }, Expiry);
    }

    public async ValueTask DisposeAsync()
    {
        await HistoryWritten();
        await _beat.DisposeAsync();
        await _bec.DisposeAsync();
    }
}
