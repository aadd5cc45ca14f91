using System.Text.Json.Nodes;
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
/// the file is complete.</summary>
public sealed class BecFileAnnouncer : IFileAnnouncer, IAsyncDisposable
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3600);
    private readonly BecConnector _bec;
    private readonly ServiceHeartbeat _beat;

    private BecFileAnnouncer(BecConnector bec, ServiceHeartbeat beat)
    {
        _bec = bec;
        _beat = beat;
    }

    /// <summary>Connects to BEC's Redis and starts the heartbeat (RUNNING at once).</summary>
    public static async Task<BecFileAnnouncer> StartAsync(BecMode mode, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var bec = await BecConnector.ConnectAsync(mode.RedisUrl, new BecConnectorOptions { Time = time }, clientName: "FileWriterManager");
        var beat = new ServiceHeartbeat(bec, "FileWriterManager", new ServiceHeartbeatOptions { Time = time, User = mode.User, Hostname = mode.Hostname });
        beat.Start();
        await beat.SetStatusAsync(BecStatus.Running);
        return new BecFileAnnouncer(bec, beat);
    }

    public Task OpenedAsync(Scan scan, string path) => SendAsync(scan, path, done: false, successful: false, isMaster: false);

    public async Task ClosedAsync(Scan scan, string path, bool successful)
    {
        await SendAsync(scan, path, done: false, successful: false, isMaster: true);
        await SendAsync(scan, path, done: true, successful: successful, isMaster: false);
    }

    private Task SendAsync(Scan scan, string path, bool done, bool successful, bool isMaster)
    {
        if (scan.Info["bec_scan_id"] is not JsonValue v || !v.TryGetValue<string>(out var scanId)) return Task.CompletedTask;
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
        await _beat.DisposeAsync();
        await _bec.DisposeAsync();
    }
}
