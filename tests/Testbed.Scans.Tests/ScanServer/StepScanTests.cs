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
}
