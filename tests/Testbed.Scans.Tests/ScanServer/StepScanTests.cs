using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;

namespace Testbed.Scans.Tests.ScanServer;

/// <summary>Step scans through Redis against the scripted device server: the instruction sequence, the motors' positions, the end.</summary>
public class StepScanTests
{
    [Test]
    public async Task A_line_scan_moves_through_its_points_and_ends_with_its_master_file()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var (rid, response) = await h.Client.RequestAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } },
            new BecMap { ["steps"] = 5, ["exp_time"] = 0.01, ["relative"] = false });
        Assert.That(response.Accepted, Is.True, response.Message.ToString());
        var scanId = await h.Client.ScanIdAsync(rid);
        Assert.That(await h.Client.ItemEndAsync(rid), Is.EqualTo("COMPLETED"));
        var file = await h.Client.FileDoneAsync(scanId);
        Assert.That(file.Successful, Is.True);
        Assert.That(File.Exists(file.FilePath), Is.True, file.FilePath);
        var sets = h.Devices.Received.Where(i => i.Action == DeviceInstructionAction.Set).Select(i => i.Parameter["value"].AsDouble());
        Assert.That(sets, Is.EqualTo(new[] { -1, -0.5, 0, 0.5, 1 }));
        Assert.That(h.Client.StatusesOf(scanId).Select(s => s.Status), Is.EqualTo(new[] { ScanStatus.Open, ScanStatus.Closed }));
    }

    [Test]
    public async Task A_two_motor_line_scan_moves_both_together_as_an_a2scan()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { 0, 2 }, ["samy"] = new BecList { 10, 6 } },
            new BecMap { ["steps"] = 3, ["exp_time"] = 0, ["relative"] = false });
        var sets = h.Devices.Received.Where(i => i.Action == DeviceInstructionAction.Set).Select(i => (i.Device.AsString(), i.Parameter["value"].AsDouble()));
        Assert.That(sets, Is.EqualTo(new[] { ("samx", 0.0), ("samy", 10.0), ("samx", 1.0), ("samy", 8.0), ("samx", 2.0), ("samy", 6.0) }));
        var stage = h.Devices.Received.Where(i => i.Action == DeviceInstructionAction.Stage).Select(i => i.Device.ToString());
        Assert.That(stage, Is.EqualTo(new[] { "'eiger'", "['samx', 'samy']" }), "async devices one by one, then the motors together");
        var read = h.Devices.Received.First(i => i.Action == DeviceInstructionAction.Read && i.Metadata.ContainsKey("point_id"));
        Assert.That(read.DeviceList, Is.EqualTo(new[] { "bpm4i", "samx", "samy" }), "monitored devices and both motors, by name");
        Assert.That(run.Status.ScanReportDevices, Is.EqualTo(new[] { "samx", "samy" }));
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(run.Blissdata!.Key);
        Assert.That(scan.Info["title"]!.GetValue<string>(), Is.EqualTo("a2scan samx 0 2 samy 10 6 2 0"));
        Assert.That((await scan.Streams["axis:samy"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { 10.0, 8, 6 }));
    }

    [Test]
    public async Task Burst_and_frames_multiply_the_reads_and_frames_of_a_point()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { 0, 1 } },
            new BecMap { ["steps"] = 2, ["exp_time"] = 0, ["relative"] = false, ["burst_at_each_point"] = 3 });
        var points = h.Devices.Received.Where(i => i.Action == DeviceInstructionAction.Read).Select(i => i.Metadata.GetOrNull("point_id")).OfType<BecInt>().Select(p => p.Value);
        Assert.That(points, Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }));
        Assert.That(h.Devices.Received.Count(i => i.Action == DeviceInstructionAction.Trigger), Is.EqualTo(6));
        Assert.That(run.Status.NumMonitoredReadouts, Is.EqualTo(6));
        Assert.That(run.Status.NumPoints, Is.EqualTo(2));
    }
}
