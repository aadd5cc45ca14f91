using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.ScanServer.Queue;

/// <summary>The queue: requests wait their turn with predicted scan numbers; pause, continue, halt and clear from
/// user/queue/queue_modification_request; mv and queued device calls.</summary>
public class QueueTests
{
    private static BecMap Line(int steps) => new() { ["steps"] = steps, ["exp_time"] = 0, ["relative"] = false };

    private static BecMap Samx => new() { ["samx"] = new BecList { -1, 1 } };

    private static Task ModifyAsync(ScanStackHarness h, QueueModificationAction action, string? rid = null) =>
        h.Client.Bec.SendAsync(MessageEndpoints.ScanQueueModificationRequest(),
            new ScanQueueModificationMessage { ScanId = BecValue.Nil, RequestId = rid, Action = action, Parameter = [] });

    /// <summary>Holds the read of point <paramref name="point"/> of every scan until <paramref name="release"/> completes.</summary>
    private static TaskCompletionSource HoldRead(ScanStackHarness h, long point, TaskCompletionSource release)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Devices.Hold = async ins =>
        {
            if (ins.Action != DeviceInstructionAction.Read || ins.Metadata.GetOrNull(MetadataKeys.PointId) is not BecInt p || p.Value != point) return;
            reached.TrySetResult();
            await release.Task;
        };
        return reached;
    }

    [Test]
    public async Task A_second_scan_waits_pending_with_its_predicted_number_and_runs_after_the_first()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = HoldRead(h, 1, release);
        var (first, _) = await h.Client.RequestAsync("line_scan", Samx, Line(3));
        await reached.Task.WaitAsync(Eventually.DefaultDeadline);
        var (second, _) = await h.Client.RequestAsync("acquire", new BecList(), new BecMap { ["exp_time"] = 0 });
        var pending = await Eventually.ValueAsync(() => h.Client.QueueStatuses.LastOrDefault()?.Find("primary")!.Info,
            i => i?.Count == 2, "both scans in the queue");
        Assert.That(pending!.Select(i => (i.Status, i.ScanNumber[0])), Is.EqualTo(new[] { (QueueItemStatus.Running, (long?)1), (QueueItemStatus.Pending, (long?)2) }));
        h.Devices.Hold = null;
        release.TrySetResult();
        Assert.That(await h.Client.ItemEndAsync(first), Is.EqualTo(QueueItemStatus.Completed));
        Assert.That(await h.Client.ItemEndAsync(second), Is.EqualTo(QueueItemStatus.Completed));
        var numbers = h.Client.ScanStatuses.Where(s => s.Status == ScanStatus.Closed).Select(s => (s.ScanName, s.ScanNumber));
        Assert.That(numbers, Is.EqualTo(new[] { ("line_scan", (long?)1), ("acquire", (long?)2) }));
        var history = await Eventually.QueryAsync(() => h.Client.Bec.LRangeAsync(MessageEndpoints.ScanQueueHistory(), 0, -1), l => l.Count == 2, "both items in the history");
        Assert.That(history.Select(m => m.Info.RequestBlocks[0].Msg.ScanType), Is.EqualTo(new[] { "acquire", "line_scan" }), "newest first (LPUSH)");
    }

    [Test]
    public async Task Deferred_pause_waits_at_the_next_point_and_continue_goes_on()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = HoldRead(h, 1, release);
        var (rid, _) = await h.Client.RequestAsync("line_scan", Samx, Line(4));
        var scanId = await h.Client.ScanIdAsync(rid);
        await reached.Task.WaitAsync(Eventually.DefaultDeadline);
        await ModifyAsync(h, QueueModificationAction.DeferredPause);
        await Eventually.UntilAsync(() => h.Client.QueueStatuses.LastOrDefault()?.Find("primary")?.Status == QueueStatus.Paused, "the queue paused");
        h.Devices.Hold = null;
        release.TrySetResult();
        await Eventually.UntilAsync(() => h.Client.StatusesOf(scanId).Any(s => s.Status == ScanStatus.Paused), "the scan paused at point 2");
        var readsWhilePaused = h.Devices.Received.Count(i => i.Action == DeviceInstructionAction.Read && i.Metadata.GetOrNull(MetadataKeys.PointId) is BecInt);
        Assert.That(readsWhilePaused, Is.EqualTo(2), "points 0 and 1 read, point 2 waits");
        await ModifyAsync(h, QueueModificationAction.Continue);
        Assert.That(await h.Client.ItemEndAsync(rid), Is.EqualTo(QueueItemStatus.Completed));
        Assert.That(h.Client.StatusesOf(scanId).Select(s => s.Status), Is.EqualTo(new[] { ScanStatus.Open, ScanStatus.Paused, ScanStatus.Open, ScanStatus.Closed }));
        await Eventually.UntilAsync(() => h.Client.Segments.Count(s => s.ScanId == scanId) == 4, "all four points bundled");
    }

    [Test]
    public async Task Halt_ends_the_scan_halted_and_clear_cancels_what_waits()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reached = HoldRead(h, 1, release);
        var (first, _) = await h.Client.RequestAsync("line_scan", Samx, Line(5));
        var scanId = await h.Client.ScanIdAsync(first);
        await reached.Task.WaitAsync(Eventually.DefaultDeadline);
        var (second, _) = await h.Client.RequestAsync("acquire", new BecList(), new BecMap { ["exp_time"] = 0 });
        await ModifyAsync(h, QueueModificationAction.Halt, first);
        Assert.That(await h.Client.ItemEndAsync(first), Is.EqualTo(QueueItemStatus.Stopped));
        await Eventually.UntilAsync(() => h.Client.StatusesOf(scanId).Any(s => s.Status == ScanStatus.Halted), "the halted status");
        Assert.That(h.Client.QueueStatuses.Last().Find("primary")!.Status, Is.EqualTo(QueueStatus.Paused), "a queue with a waiting item stays paused after a stop");
        await ModifyAsync(h, QueueModificationAction.Clear);
        Assert.That(await h.Client.ItemEndAsync(second), Is.EqualTo(QueueItemStatus.Cancelled));
        release.TrySetResult();
    }

    [Test]
    public async Task Mv_moves_and_a_device_call_other_than_read_runs_as_a_queue_item()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var (mv, _) = await h.Client.RequestAsync("mv", new BecMap { ["samx"] = new BecList { 3 }, ["samy"] = new BecList { -2 } }, new BecMap { ["relative"] = false });
        Assert.That(await h.Client.ItemEndAsync(mv), Is.EqualTo(QueueItemStatus.Completed));
        Assert.That((h.Devices.Position("samx"), h.Devices.Position("samy")), Is.EqualTo((3.0, -2.0)));
        var rpcId = Guid.NewGuid().ToString();
        var (rpc, response) = await h.Client.RequestAsync("device_rpc", new BecList(), new BecMap
        {
            ["device"] = "samx", ["func"] = "sim.select_model", ["func_args"] = new BecList { "GaussianModel" }, ["func_kwargs"] = new BecMap(), ["rpc_id"] = rpcId,
        });
        Assert.That(response.Accepted, Is.True);
        Assert.That(await h.Client.ItemEndAsync(rpc), Is.EqualTo(QueueItemStatus.Completed));
        var call = h.Devices.Received.Last(i => i.Action == DeviceInstructionAction.Rpc);
        Assert.That((call.Parameter["func"].AsString(), call.Parameter["rpc_id"].AsString(), call.Metadata["RID"].AsString()), Is.EqualTo(("sim.select_model", rpcId, rpc)));
    }
}
