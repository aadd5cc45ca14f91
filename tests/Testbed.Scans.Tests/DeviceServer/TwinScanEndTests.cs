using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Drivers.Abstractions;
using Testbed.Scans.DeviceServer.Devices;
using Testbed.Scans.ScanServer.Blissdata;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>Scans that do not complete, against the demo twin: an abort stops the moving drive, a drive that refuses mid-scan fails
/// the scan with its own message; both close blissdata as they should.</summary>
public class TwinScanEndTests
{
    [Test]
    public async Task An_abort_during_a_move_stops_the_drive_and_closes_the_scan_with_USER_ABORT()
    {
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml());
        // 20 mm at 5 mm/s: each move takes 4 s of twin time, 1 s real at rate 4.
        var (rid, _) = await h.Client.RequestAsync("line_scan", new BecMap { ["tx"] = new BecList { 0, 40 } },
            new BecMap { ["steps"] = 3, ["exp_time"] = 0.01, ["relative"] = false });
        var scanId = await h.Client.ScanIdAsync(rid);
        var moving = await Eventually.ValueAsync(() => h.Responses.FirstOrDefault(r => r.Instruction.Action == DeviceInstructionAction.Set &&
            r.Instruction.Parameter["value"].AsDouble() == 20 && r.ResultIsStatus == true), r => r is not null, "the move to 20 under way", TimeSpan.FromSeconds(30));
        await h.Client.Bec.SendAsync(MessageEndpoints.ScanQueueModificationRequest(),
            new ScanQueueModificationMessage { ScanId = BecValue.Nil, RequestId = rid, Action = QueueModificationAction.Abort, Parameter = [] });
        Assert.That(await h.Client.ItemEndAsync(rid, TimeSpan.FromSeconds(30)), Is.EqualTo(QueueItemStatus.Stopped));

        var ack = await Eventually.ValueAsync(() => h.Responses.FirstOrDefault(r => r.InstructionId == moving!.InstructionId && r.Status != InstructionStatus.Running),
            r => r is not null, "the end of the interrupted move");
        Assert.That(ack!.Status, Is.EqualTo(InstructionStatus.Error), "a move cut short is not reported completed");
        Assert.That(ack.ErrorInfo!.CompactErrorMessage, Does.Contain("tx: the move to 20 was stopped at"));
        var tx = ((AxisDevice)h.Stack.DeviceServer!.Devices["tx"]).Axis;
        var state = await tx.StateAsync();
        Assert.That((state.HasFlag(AxisState.Moving), state.HasFlag(AxisState.Ready)), Is.EqualTo((false, true)), $"the drive is at rest ({state})");
        var stoppedAt = await tx.PositionAsync();
        Assert.That(stoppedAt, Is.GreaterThan(0).And.LessThan(19.5), "stopped on the way, not at the target");

        await Eventually.UntilAsync(() => h.Client.StatusesOf(scanId).Any(s => s.Status == ScanStatus.Aborted), "the aborted scan status");
        await using var store = await h.BlissdataAsync();
        var key = BlissdataContract.Of(h.Client.StatusesOf(scanId)[^1])!.Key;
        var scan = await Eventually.QueryAsync(() => store.LoadScanAsync(key), s => s.State == ScanState.Closed, "the blissdata scan closed");
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("USER_ABORT"));
        foreach (var s in scan.Streams.Values) Assert.That(await s.IsSealedAsync(), Is.True, $"{s.Name} sealed");
        Assert.That(await scan.Streams["axis:tx"].LengthAsync(), Is.EqualTo(1), "the one point read before the abort");
        Assert.That(await tx.PositionAsync(), Is.EqualTo(stoppedAt), "the drive stays where it stopped");
    }

    [Test]
    public async Task A_drive_refusing_mid_scan_fails_it_with_the_drivers_message_and_blissdata_FAILURE()
    {
        // The twin's forward limit switch at 2500 counts (1.25 mm), inside the soft limits: the move to 1.5 runs onto it.
        var yaml = TwinStack.DemoYaml().Replace("    fls: 110000\n", "    fls: 2500\n", StringComparison.Ordinal);
        Assert.That(yaml, Does.Contain("fls: 2500"), "the demo file's tx twin block");
        await using var h = await TwinStack.StartAsync(yaml);
        var (rid, response) = await h.Client.RequestAsync("line_scan", new BecMap { ["tx"] = new BecList { 0, 2 } },
            new BecMap { ["steps"] = 5, ["exp_time"] = 0.01, ["relative"] = false });
        Assert.That(response.Accepted, Is.True, "inside the soft limits: the scan server accepts it");
        var scanId = await h.Client.ScanIdAsync(rid);
        Assert.That(await h.Client.ItemEndAsync(rid, TimeSpan.FromSeconds(30)), Is.EqualTo(QueueItemStatus.Stopped));

        var error = h.Responses.Single(r => r.Status == InstructionStatus.Error);
        Assert.That(error.Instruction.Action, Is.EqualTo(DeviceInstructionAction.Set));
        Assert.That(error.Instruction.Parameter["value"].AsDouble(), Is.EqualTo(1.5));
        const string Driver = "axis tx: move to 1.5 stopped on the positive hardware limit switch";
        Assert.That(error.ErrorInfo!.CompactErrorMessage, Does.StartWith(Driver));
        Assert.That(error.ErrorInfo.ExceptionType, Is.EqualTo(nameof(AxisException)));
        Assert.That(error.InstructionId, Is.EqualTo(error.Instruction.Metadata["device_instr_id"].AsString()));

        var end = await Eventually.ValueAsync(() => h.Client.StatusesOf(scanId).LastOrDefault(), s => s?.Status == ScanStatus.Aborted, "the aborted scan status");
        Assert.That(end!.Reason, Is.EqualTo(ScanStatusReason.Alarm));
        var alarm = await Eventually.ValueAsync(() => h.Client.Alarms.FirstOrDefault(), a => a is not null, "the alarm");
        Assert.That(alarm!.Info.CompactErrorMessage, Does.Contain(Driver));
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(BlissdataContract.Of(end)!.Key);
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("FAILURE"));
        Assert.That(scan.Info["comments"]![0]!["message"]!.GetValue<string>(), Does.Contain(Driver));
        Assert.That((await scan.Streams["axis:tx"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { 0, 0.5, 1.0 }).Within(0.001), "the points before the refused move");
        foreach (var s in scan.Streams.Values) Assert.That(await s.IsSealedAsync(), Is.True, $"{s.Name} sealed");
    }
}
