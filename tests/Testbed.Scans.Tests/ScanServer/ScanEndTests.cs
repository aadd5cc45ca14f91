using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Scans.ScanServer.Blissdata;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.ScanServer;

/// <summary>Scans that do not end well: aborted by the user, failed by a device, or left without an acknowledgement; each ends in BEC
/// (scan status, queue item, stop_devices) and in blissdata (end_reason, sealed streams) and says why.</summary>
public class ScanEndTests
{
    private static readonly BecMap LongScan = new() { ["steps"] = 50, ["exp_time"] = 0.01, ["relative"] = false };

    [Test]
    public async Task An_abort_stops_the_devices_and_closes_the_scan_with_USER_ABORT()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var atPoint3 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Devices.Hold = async ins =>
        {
            // The read of point 3 is held (its reading is already published and in its streams): the abort comes during it.
            if (ins.Action == DeviceInstructionAction.Read && ins.Metadata.GetOrNull(MetadataKeys.PointId) is BecInt { Value: 3 })
            {
                atPoint3.TrySetResult();
                await release.Task;
            }
        };
        var (rid, _) = await h.Client.RequestAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, LongScan);
        var scanId = await h.Client.ScanIdAsync(rid);
        await atPoint3.Task.WaitAsync(Eventually.DefaultDeadline);
        await h.Client.Bec.SendAsync(Bec.Endpoints.MessageEndpoints.ScanQueueModificationRequest(),
            new ScanQueueModificationMessage { ScanId = BecValue.Nil, RequestId = rid, Action = QueueModificationAction.Abort, Parameter = [] });
        Assert.That(await h.Client.ItemEndAsync(rid), Is.EqualTo(QueueItemStatus.Stopped));
        await Eventually.UntilAsync(() => h.Client.StatusesOf(scanId).Any(s => s.Status == ScanStatus.Aborted), "the aborted scan status");
        var aborted = h.Client.StatusesOf(scanId).Last();
        Assert.That(aborted.Reason, Is.EqualTo(ScanStatusReason.User));
        var stop = await Eventually.ValueAsync(() => h.Devices.Stops.FirstOrDefault(), s => s is not null, "stop_devices");
        Assert.That(stop!.Value.AsList().AsStrings(), Is.EqualTo(new[] { "eiger", "samx" }), "the staged devices are stopped");
        Assert.That(h.Devices.Received.Any(i => i.Action is DeviceInstructionAction.Complete or DeviceInstructionAction.Unstage), Is.False, "no complete/unstage after an abort (recorded)");
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(BlissdataContract.Of(aborted)!.Key);
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("USER_ABORT"));
        foreach (var s in scan.Streams.Values) Assert.That(await s.IsSealedAsync(), Is.True, $"{s.Name} sealed by the scan server");
        Assert.That(await scan.Streams["axis:samx"].LengthAsync(), Is.EqualTo(4), "the points read before the abort (0 … 3)");
        var file = await h.Client.FileDoneAsync(scanId);
        Assert.That(file.Successful, Is.True, "the file of an aborted scan is written too (recorded)");
        release.TrySetResult();
    }

    [Test]
    public async Task A_device_error_ends_the_scan_with_FAILURE_and_the_drivers_message()
    {
        await using var h = await ScanStackHarness.StartAsync();
        const string Driver = "samx: drive 1 reports motor fault (MF=0x1000, over-current); check the motor cable";
        h.Devices.Fail = ins => ins.Action == DeviceInstructionAction.Set && ins.Parameter["value"].AsDouble() == 0
            ? new ErrorInfo { ErrorMessage = "Traceback …\n" + Driver, CompactErrorMessage = Driver, ExceptionType = "AxisFaultError", Device = "samx" }
            : null;
        var (rid, _) = await h.Client.RequestAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 5, ["exp_time"] = 0, ["relative"] = false });
        var scanId = await h.Client.ScanIdAsync(rid);
        Assert.That(await h.Client.ItemEndAsync(rid), Is.EqualTo(QueueItemStatus.Stopped));
        var end = await Eventually.ValueAsync(() => h.Client.StatusesOf(scanId).LastOrDefault(), s => s?.Status == ScanStatus.Aborted, "the aborted scan status");
        Assert.That(end!.Reason, Is.EqualTo(ScanStatusReason.Alarm));
        Assert.That(end.Info["failure"].AsString(), Does.Contain(Driver).And.Contain("set samx"));
        var alarm = await Eventually.ValueAsync(() => h.Client.Alarms.FirstOrDefault(), a => a is not null, "the alarm");
        Assert.That(alarm!.Severity, Is.EqualTo(Bec.Messages.Services.AlarmSeverity.Major));
        Assert.That(alarm.Info.CompactErrorMessage, Does.Contain(Driver));
        Assert.That(alarm.Info.ExceptionType, Is.EqualTo("AxisFaultError"));
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(BlissdataContract.Of(end)!.Key);
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("FAILURE"));
        Assert.That(scan.Info["comments"]![0]!["message"]!.GetValue<string>(), Does.Contain(Driver));
        Assert.That(await scan.Streams["axis:samx"].LengthAsync(), Is.EqualTo(2), "the two points before the failing move");
        await Eventually.UntilAsync(() => h.Client.QueueStatuses.LastOrDefault()?.Find("primary") is { Info.Count: 0, Status: QueueStatus.Running },
            "the empty queue running again after the failure");
    }

    [Test]
    public async Task An_acknowledgement_that_never_comes_fails_the_scan_naming_device_and_instruction()
    {
        var clock = new ManualClock();
        await using var h = await ScanStackHarness.StartAsync(configure: o => o with { Time = clock, AckTimeout = TimeSpan.FromSeconds(5) });
        h.Devices.Ignore = ins => ins.Action == DeviceInstructionAction.Trigger;
        var (rid, _) = await h.Client.RequestAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 3, ["exp_time"] = 0, ["relative"] = false });
        var scanId = await h.Client.ScanIdAsync(rid);
        await Eventually.UntilAsync(() => h.Devices.Received.Any(i => i.Action == DeviceInstructionAction.Trigger), "the trigger sent");
        // The scan server now waits for the acknowledgement on the scan stack's clock, due exactly AckTimeout from now.
        var due = clock.Elapsed + TimeSpan.FromSeconds(5);
        await Eventually.UntilAsync(() => clock.PendingDueTimes.Contains(due), "the acknowledgement deadline");
        Assert.That(h.Client.StatusesOf(scanId).Last().Status, Is.EqualTo(ScanStatus.Open));
        clock.Advance(TimeSpan.FromSeconds(5));
        var end = await Eventually.ValueAsync(() => h.Client.StatusesOf(scanId).LastOrDefault(), s => s?.Status == ScanStatus.Aborted, "the aborted scan status");
        Assert.That(end!.Info["failure"].AsString(), Does.Contain("trigger [eiger]: no acknowledgement from the device server within 5 s"));
        Assert.That(await h.Client.ItemEndAsync(rid), Is.EqualTo(QueueItemStatus.Stopped));
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(BlissdataContract.Of(end)!.Key);
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("FAILURE"));
        clock.Advance(TimeSpan.FromSeconds(1)); // lets the file writer's short wait after an abort end
    }
}
