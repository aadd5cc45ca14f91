using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.Bundler;

/// <summary>The bundler alone, fed the recorded line scan's open status and readings in another order than recorded: a point is bundled
/// only once every monitored device has delivered it, the baseline once every baseline device has, readings that come before the open
/// status are kept for it, and progress counts completed points with BEC's metadata quirks (RID and queue_id "").</summary>
public class ScanBundlerTests
{
    [Test]
    public async Task Points_are_bundled_when_complete_whatever_the_order_of_the_readings()
    {
        var recorded = RecordedSession.Load("02-line_scan");
        await using var h = await ScanStackHarness.StartAsync();
        var open = (ScanStatusMessage)recorded[445].Message;
        var reads = recorded.By("DeviceServer").Where(l => l.Op == "SET" && l.Key.StartsWith("info/devices/read/", StringComparison.Ordinal)).ToList();
        var bec = h.Client.Bec;
        async Task Read(RecordedLine l) => await bec.SetAndPublishAsync(MessageEndpoints.DeviceRead(l.Key["info/devices/read/".Length..]), (DeviceMessage)l.Message);
        // bpm4i of point 0 comes before the scan opens; the other readings in reverse.
        await Read(reads.First(l => l.Key.EndsWith("bpm4i", StringComparison.Ordinal)));
        await bec.CreateTransaction().Set(MessageEndpoints.PublicScanInfo(open.ScanId!), open).SetAndPublish(MessageEndpoints.ScanStatus(), open).ExecuteAsync();
        foreach (var l in Enumerable.Reverse(reads).Where(l => l != reads.First(r => r.Key.EndsWith("bpm4i", StringComparison.Ordinal)))) await Read(l);
        await Eventually.UntilAsync(() => h.Client.Segments.Count == 5, "five points bundled");
        Assert.That(h.Client.Segments.Select(s => s.PointId), Is.EquivalentTo(new long[] { 0, 1, 2, 3, 4 }));
        var point0 = h.Client.Segments.First(s => s.PointId == 0);
        Assert.That(point0.Data.Keys, Is.EquivalentTo(new[] { "samx", "bpm4i" }));
        Assert.That(point0.Metadata["scan_report_devices"], Is.EqualTo(new BecList { "samx" }));
        var progress = h.Client.Progress.Last();
        Assert.That((progress.Value, progress.MaxValue, progress.Done), Is.EqualTo((5.0, 5.0, false)));
        Assert.That(progress.Metadata["RID"].AsString() + progress.Metadata["queue_id"].AsString(), Is.Empty);
        var baseline = await bec.GetAsync(MessageEndpoints.PublicScanBaseline(open.ScanId!));
        Assert.That(baseline!.Data.Keys, Is.EqualTo(new[] { "samy" }));
        var segment = await bec.GetAsync(MessageEndpoints.PublicScanSegment(open.ScanId!, "3"));
        Assert.That(segment!.PointId, Is.EqualTo(3));
        var closed = (ScanStatusMessage)recorded[752].Message;
        await bec.SetAndPublishAsync(MessageEndpoints.ScanStatus(), closed);
        await Eventually.UntilAsync(() => h.Client.Progress.Any(p => p.Done), "the final progress");
        Assert.That(h.Client.Progress.Last(p => p.Done).Metadata["status"].AsString(), Is.EqualTo("closed"));
    }
}
