using Microsoft.Extensions.Logging;
using Testbed.Bec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.Bus;

namespace Testbed.Scans.FileWriter;

/// <summary>A minimal FileWriterManager stand-in (heartbeat <c>FileWriterManager</c>): collects each scan's segments and, once the
/// scan has ended, writes a small HDF5 master file (<see cref="MasterFile"/>) at the scan's file path and announces it as the recorded
/// writer does — three FileMessages on <c>info/public/&lt;scan_id&gt;/file/master</c> (at open; before writing, is_master_file=true;
/// done=true), the FileContentMessage, and a ScanHistoryMessage on <c>info/scans/scan_history</c>. A client's ScanReport.wait()
/// returns on the last FileMessage (done, a name containing <c>_master</c>).</summary>
public sealed class FileWriterService(FileWriterOptions options) : BecService("FileWriterManager", options)
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3600);
    private readonly Dictionary<string, WrittenScan> _scans = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<BecSubscription> _subscriptions = [];
    private readonly List<Task> _writing = [];
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionWatch? _watch;

    // Segments published while our subscription was down are lost for us; each is also kept at its public key. They are read when
    // Redis is back and twice more while the subscription is being restored (real time).
    private static readonly TimeSpan[] CatchUpAfter = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];
    private const int CatchUpAhead = 10;

    public FileWriterOptions Options { get; } = options;

    protected override async Task StartServiceAsync(CancellationToken ct)
    {
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.ScanStatus(), m => OnStatusAsync(m.Message)));
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.ScanSegment(), m =>
        {
            lock (_lock)
                if (_scans.TryGetValue(m.Message.ScanId, out var scan)) scan.Add(m.Message);
            return Task.CompletedTask;
        }));
        _watch = new ConnectionWatch(Bec.Redis);
        _watch.Restored += () => _ = CatchUpAsync();
    }

    /// <summary>After an outage: the segments each followed scan lacks, from their public keys (up to a few past the highest one).</summary>
    private async Task CatchUpAsync()
    {
        foreach (var delay in CatchUpAfter)
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, TimeProvider.System);
            List<WrittenScan> scans;
            lock (_lock) scans = [.. _scans.Values];
            try
            {
                foreach (var scan in scans)
                {
                    var limit = Math.Min(scan.Open.NumPoints ?? 0, scan.Highest + 1 + CatchUpAhead);
                    foreach (var point in scan.Missing(limit))
                        if (await Bec.GetAsync(MessageEndpoints.PublicScanSegment(scan.ScanId, point.ToString(System.Globalization.CultureInfo.InvariantCulture))) is { } segment)
                            scan.Add(segment);
                }
            }
            catch (Exception e) when (e is BecException or ObjectDisposedException) { } // away again: the next restore reads them
        }
    }

    protected override async ValueTask StopServiceAsync()
    {
        _watch?.Dispose();
        foreach (var s in _subscriptions) await s.DisposeAsync();
        _subscriptions.Clear();
        // Files being waited for are written at once with the segments they have.
        await _stopping.CancelAsync();
        Task[] writing;
        lock (_lock) writing = [.. _writing];
        await Task.WhenAll(writing);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    private async Task OnStatusAsync(ScanStatusMessage status)
    {
        if (status.ScanId is not { } id) return;
        WrittenScan? scan;
        lock (_lock) _scans.TryGetValue(id, out scan);
        if (status.Status == ScanStatus.Open)
        {
            if (scan is not null) return;
            scan = new WrittenScan(status);
            lock (_lock) _scans[id] = scan;
            await AnnounceAsync(scan, done: false, successful: false, isMaster: false, hinted: []);
            return;
        }
        if (scan is null || status.Status == ScanStatus.Paused) return;
        lock (_lock)
        {
            if (scan.Ending) return;
            scan.Ending = true;
            _writing.RemoveAll(t => t.IsCompleted);
            _writing.Add(Task.Run(async () =>
            {
                // Segments keep coming after the status (the bundler flushes every 0.1 s): the scan stays known until written.
                await WriteAsync(scan, status);
                lock (_lock) _scans.Remove(id);
            }));
        }
    }

    private async Task WriteAsync(WrittenScan scan, ScanStatusMessage end)
    {
        var exit = end.Status switch
        {
            ScanStatus.Closed => ScanExitStatus.Closed,
            ScanStatus.Halted => ScanExitStatus.Halted,
            ScanStatus.UserCompleted => ScanExitStatus.UserCompleted,
            _ => ScanExitStatus.Aborted,
        };
        try
        {
            // A scan without monitored devices has no segments to wait for.
            var monitored = end.ReadoutPriority?.GetOrNull("monitored") is BecList { Count: > 0 };
            await scan.WaitForAsync(exit != ScanExitStatus.Closed ? long.MaxValue : monitored ? end.NumMonitoredReadouts ?? 0 : 0,
                exit == ScanExitStatus.Closed ? Options.SegmentWait : Options.StopGrace, Time, _stopping.Token);
            var baseline = await Bec.GetAsync(MessageEndpoints.PublicScanBaseline(scan.ScanId));
            await AnnounceAsync(scan, done: false, successful: false, isMaster: true, hinted: null);
            var data = ScanData.Of(scan.Segments, baseline);
            var ok = true;
            try
            {
                MasterFile.Write(scan.MasterFile, scan.Open, WireEnum<ScanExitStatus>.ToWire(exit), data);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ok = false;
                Logger.LogError("FileWriterManager: scan {Number}: the master file was not written: {Message}", scan.Open.ScanNumber, e.Message);
            }
            await Bec.SetAndPublishAsync(MessageEndpoints.FileContent(), new FileContentMessage
            {
                FilePath = scan.MasterFile,
                Data = data.Content,
                ScanInfo = ScanInfo(scan.Open, end),
            }, Expiry);
            await AnnounceAsync(scan, done: true, successful: ok, isMaster: false, hinted: null);
            await Bec.XAddAsync(MessageEndpoints.ScanHistory(), new ScanHistoryMessage
            {
                ScanId = scan.ScanId,
                ScanNumber = scan.Open.ScanNumber ?? 0,
                DatasetNumber = scan.Open.DatasetNumber ?? 0,
                FilePath = scan.MasterFile,
                ExitStatus = exit,
                Reason = end.Reason,
                StartTime = scan.Open.Timestamp,
                EndTime = end.Timestamp,
                ScanName = scan.Open.ScanName ?? "",
                NumPoints = end.NumPoints,
                NumMonitoredReadouts = end.NumMonitoredReadouts,
                RequestInputs = end.RequestInputs,
                StoredDataInfo = data.StoredDataInfo(),
            }, maxSize: 10_000);
        }
        catch (Exception e) when (e is BecException or ObjectDisposedException)
        {
            Logger.LogError("FileWriterManager: scan {Number}: {Message}", scan.Open.ScanNumber, e.Message);
        }
    }

    /// <summary>FileContentMessage.scan_info as recorded: {"bec": the scan info with the final status and reason, start_time, end_time}
    /// (times as Python's naive local isoformat).</summary>
    private static BecMap ScanInfo(ScanStatusMessage open, ScanStatusMessage end)
    {
        var bec = new BecMap();
        foreach (var (k, v) in open.Info.Entries) bec.Add(k, v);
        bec.Set("status", WireEnum<ScanStatus>.ToWire(end.Status));
        bec.Set("reason", end.Reason is { } r ? WireEnum<ScanStatusReason>.ToWire(r) : BecValue.Nil);
        return new BecMap { ["bec"] = bec, ["start_time"] = IsoLocal(open.Timestamp), ["end_time"] = IsoLocal(end.Timestamp) };
    }

    private static string IsoLocal(double unixSeconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixSeconds * TimeSpan.TicksPerSecond)).ToLocalTime()
            .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);

    private Task AnnounceAsync(WrittenScan scan, bool done, bool successful, bool isMaster, BecMap? hinted) =>
        Bec.SetAndPublishAsync(MessageEndpoints.PublicFile(scan.ScanId, "master"), new FileMessage
        {
            FilePath = scan.MasterFile,
            Done = done,
            Successful = successful,
            IsMasterFile = isMaster,
            DeviceName = BecValue.Nil,
            FileType = "h5",
            HintedH5Entries = hinted,
        }, Expiry);
}
