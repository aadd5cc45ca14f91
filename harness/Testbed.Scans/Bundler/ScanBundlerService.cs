using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.Bus;

namespace Testbed.Scans.Bundler;

/// <summary>The ScanBundler stand-in (heartbeat <c>ScanBundler</c>), spec §1.3: turns the device server's readings on
/// <c>info/devices/read/*</c> into scan points — a ScanMessage once every monitored device has reported a point_id, sent every 0.1 s as one
/// BundleMessage on <c>info/scans/scan_segment</c> plus <c>info/public/&lt;scan_id&gt;/scan_segment/&lt;point_id&gt;</c> (EX 1800) — the
/// baseline record (<c>info/scans/scan_baseline</c>) and the progress (<c>info/scans/scan_progress</c>, with RID and queue_id "").</summary>
public sealed class ScanBundlerService(BecServiceOptions options) : BecService("ScanBundler", options)
{
    private const int KeptScans = 20;
    private const int MaxEarlyReadings = 10_000;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PublicExpiry = TimeSpan.FromSeconds(1800);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, BundledScan> _scans = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<(string Device, DeviceMessage Message)> _early = [];
    private readonly List<ScanMessage> _pending = [];
    private readonly List<BecSubscription> _subscriptions = [];
    private ITimer? _timer;
    private ConnectionWatch? _watch;

    // After an outage the readings published while our subscription was down are lost for us; the latest of each device is still in
    // its key. It is read when Redis is back and twice more while the subscription is being restored (real time).
    private static readonly TimeSpan[] CatchUpAfter = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    protected override async Task StartServiceAsync(CancellationToken ct)
    {
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.ScanStatus(), m => Locked(() => OnStatusAsync(m.Message))));
        _subscriptions.Add(await Bec.SubscribeAsync(MessageEndpoints.DeviceRead("*"),
            m => Locked(() => OnReadingAsync(m.Channel[(m.Channel.LastIndexOf('/') + 1)..], m.Message))));
        _timer = Time.CreateTimer(_ => _ = Locked(FlushAsync), null, FlushInterval, FlushInterval);
        _watch = new ConnectionWatch(Bec.Redis);
        _watch.Restored += () => _ = CatchUpAsync();
    }

    protected override async ValueTask StopServiceAsync()
    {
        _watch?.Dispose();
        if (_timer is not null) await _timer.DisposeAsync();
        foreach (var s in _subscriptions) await s.DisposeAsync();
        _subscriptions.Clear();
    }

    private async Task Locked(Func<Task> action)
    {
        await _gate.WaitAsync();
        try
        {
            await action();
        }
        catch (Exception e) when (e is Testbed.Bec.BecException or ObjectDisposedException)
        {
            // Redis away or the service stopping: the next reading or flush tries again.
            Logger.LogBundler(e.Message);
        }
        finally { _gate.Release(); }
    }

    private async Task OnStatusAsync(ScanStatusMessage status)
    {
        if (status.ScanId is not { } id) return;
        if (status.Status == ScanStatus.Open && !_scans.ContainsKey(id))
        {
            // Recorded: the bundler reads the public scan info when a scan opens.
            var info = await Bec.GetAsync(MessageEndpoints.PublicScanInfo(id)) ?? status;
            _scans[id] = new BundledScan(info);
            _order.Add(id);
            if (_order.Count > KeptScans)
            {
                _scans.Remove(_order[0]);
                _order.RemoveAt(0);
            }
            foreach (var (device, message) in _early.Where(e => ScanIdOf(e.Message) == id).ToList())
            {
                _early.Remove((device, message));
                await OnReadingAsync(device, message);
            }
            return;
        }
        if (status.Status is ScanStatus.Open or ScanStatus.Paused || !_scans.TryGetValue(id, out var scan) || scan.Ended) return;
        scan.Ended = true;
        await FlushAsync();
        await ProgressAsync(scan, WireEnum<ScanStatus>.ToWire(status.Status), done: true);
    }

    private async Task OnReadingAsync(string device, DeviceMessage reading)
    {
        if (ScanIdOf(reading) is not { } id) return;
        if (!_scans.TryGetValue(id, out var scan))
        {
            _early.Add((device, reading));
            if (_early.Count > MaxEarlyReadings) _early.RemoveAt(0);
            return;
        }
        var meta = reading.Metadata;
        if (meta.GetOrNull(MetadataKeys.ReadoutPriority) is BecStr { Value: "baseline" })
        {
            if (scan.AddBaseline(device, reading.Signals) is { } baseline)
                await Bec.CreateTransaction()
                    .Set(MessageEndpoints.PublicScanBaseline(id), baseline, PublicExpiry)
                    .SetAndPublish(MessageEndpoints.ScanBaseline(), baseline)
                    .ExecuteAsync();
            return;
        }
        if (meta.GetOrNull(MetadataKeys.PointId) is not BecInt point) return;
        if (scan.AddReading(device, point.Value, reading.Signals) is { } segment)
        {
            _pending.Add(segment);
            if (!scan.Ended) await ProgressAsync(scan, "open", done: false);
        }
    }

    /// <summary>One BundleMessage of every point completed since the last flush, with the public key of each point; kept for the next
    /// flush when Redis did not take it.</summary>
    private async Task FlushAsync()
    {
        if (_pending.Count == 0) return;
        var tx = Bec.CreateTransaction();
        var bundle = new BundleMessage();
        foreach (var s in _pending)
        {
            tx.Set(MessageEndpoints.PublicScanSegment(s.ScanId, s.PointId.ToString(System.Globalization.CultureInfo.InvariantCulture)), s, PublicExpiry);
            bundle.Add(s);
        }
        tx.Send(MessageEndpoints.ScanSegment(), bundle);
        await tx.ExecuteAsync();
        _pending.Clear();
    }

    /// <summary>After an outage: the status of every scan still open (its end may have been missed) and the latest reading of each of
    /// its monitored devices (points already bundled are not bundled again).</summary>
    private async Task CatchUpAsync()
    {
        foreach (var delay in CatchUpAfter)
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, TimeProvider.System);
            await Locked(async () =>
            {
                foreach (var scan in _scans.Values.Where(s => !s.Ended).ToList())
                {
                    foreach (var device in scan.Monitored)
                        if (await Bec.GetAsync(MessageEndpoints.DeviceRead(device)) is { } reading && ScanIdOf(reading) == scan.ScanId)
                            await OnReadingAsync(device, reading);
                    if (await Bec.GetAsync(MessageEndpoints.PublicScanInfo(scan.ScanId)) is { Status: not (ScanStatus.Open or ScanStatus.Paused) } end)
                        await OnStatusAsync(end);
                }
            });
        }
    }

    private Task ProgressAsync(BundledScan scan, string status, bool done) =>
        Bec.SetAndPublishAsync(MessageEndpoints.ScanProgress(), new ProgressMessage
        {
            Metadata = new BecMap { ["scan_id"] = scan.ScanId, ["RID"] = "", ["queue_id"] = "", ["status"] = status },
            Value = scan.Emitted,
            MaxValue = scan.NumPoints,
            Done = done,
        });

    private static string? ScanIdOf(DeviceMessage m) => m.Metadata.GetOrNull(MetadataKeys.ScanId) is BecStr s ? s.Value : null;
}
