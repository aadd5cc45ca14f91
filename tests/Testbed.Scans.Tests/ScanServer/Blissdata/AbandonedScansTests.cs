using System.Text.Json.Nodes;
using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Scans.ScanServer.Blissdata;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.ScanServer.Blissdata;

/// <summary>No scan stays open forever: what a scan server that died mid-scan left open is closed when it starts again, and a scan
/// running when the scan server is stopped is ended.</summary>
public class AbandonedScansTests
{
    [Test]
    public async Task A_restart_closes_the_scans_the_previous_run_left_open()
    {
        var redis = await PrivateRedis.StartAsync();
        // What a scan server killed mid-scan leaves: an open BEC scan whose blissdata scan has two points and no seal, and a blissdata
        // scan created just before the kill (no BEC status yet).
        var store = await DataStore.InitAsync(redis.BlissdataUrl);
        var (open, openStream) = await StartedAsync(store, "155dad72-9dc2-4150-b7c3-f9f7ab8ad2d2", 1);
        var (orphan, _) = await StartedAsync(store, "3f0c1ab2-0000-4000-8000-000000000002", 2);
        await store.DisposeAsync();
        var status = RecordedSession.Load("02-line_scan")[445].Message as ScanStatusMessage;
        status!.Info.Set(BlissdataContract.InfoKey, new BlissdataContract(open.Key, redis.BlissdataUrl, new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["samx"] = new Dictionary<string, string> { ["samx"] = openStream },
        }).ToMap());
        await using (var bec = await BecConnector.ConnectAsync(redis.BecUrl))
        {
            await bec.SetAsync(MessageEndpoints.PublicScanInfo(status.ScanId!), status);
            // …and its queue item RUNNING (recorded 02 seq 396).
            await bec.SetAndPublishAsync(MessageEndpoints.ScanQueueStatus(), (ScanQueueStatusMessage)RecordedSession.Load("02-line_scan")[396].Message);
        }

        await using var h = await ScanStackHarness.StartAsync(redis: redis);

        var closed = await h.Client.Bec.GetAsync(MessageEndpoints.PublicScanInfo(status.ScanId!));
        Assert.That(closed!.Status, Is.EqualTo(ScanStatus.Aborted));
        Assert.That(closed.Info["failure"].AsString(), Is.EqualTo("scan server restarted"));
        Assert.That((long)await redis.Bec.ExecuteAsync("TTL", $"info/public/{status.ScanId}/scan_info"), Is.InRange(1, 1800));
        var history = await h.Client.Bec.LRangeAsync(MessageEndpoints.ScanQueueHistory(), 0, -1);
        Assert.That(history.Select(m => (m.Status, m.Info.Reason)), Is.EqualTo(new[] { (QueueItemStatus.Stopped, (QueueItemReason?)QueueItemReason.Restart) }),
            "a client waiting for the item is told it stopped");
        Assert.That((await h.Client.Bec.GetAsync(MessageEndpoints.ScanQueueStatus()))!.Find("primary")!.Info, Is.Empty);
        await using var reader = await h.BlissdataAsync();
        foreach (var key in new[] { open.Key, orphan.Key })
        {
            var scan = await reader.LoadScanAsync(key);
            Assert.That(scan.State, Is.EqualTo(ScanState.Closed), key);
            Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("FAILURE"));
            Assert.That(scan.Info["comments"]!.AsArray().Select(c => c!["message"]!.GetValue<string>()), Has.Member("scan server restarted"));
            Assert.That(await scan.Streams[openStream].IsSealedAsync(), Is.True);
            Assert.That(await scan.Streams[openStream].LengthAsync(), Is.EqualTo(2), "the points published before the crash are kept");
        }
    }

    [Test]
    public async Task A_scan_running_when_the_scan_server_stops_is_ended_as_aborted_with_FAILURE()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Devices.Hold = async ins =>
        {
            if (ins.Action == DeviceInstructionAction.Read && ins.Metadata.GetOrNull(MetadataKeys.PointId) is BecInt { Value: 2 }) await release.Task;
        };
        var (rid, _) = await h.Client.RequestAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 10, ["exp_time"] = 0, ["relative"] = false });
        var scanId = await h.Client.ScanIdAsync(rid);
        await Eventually.UntilAsync(() => h.Devices.Received.Any(i => i.Metadata.GetOrNull(MetadataKeys.PointId) is BecInt { Value: 2 }), "point 2 being read");
        await h.StopServicesAsync();
        release.TrySetResult();
        var end = await h.Client.Bec.GetAsync(MessageEndpoints.PublicScanInfo(scanId));
        Assert.That(end!.Status, Is.EqualTo(ScanStatus.Aborted));
        Assert.That(end.Info["failure"].AsString(), Is.EqualTo("the scan server was stopped while the scan ran"));
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(BlissdataContract.Of(end)!.Key);
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("FAILURE"));
    }

    private static async Task<(PublishedScan Scan, string Stream)> StartedAsync(DataStore store, string becScanId, long number)
    {
        var scan = await store.CreateScanAsync(new ScanIdentity("ascan", number, "no_policy") { Session = "bec" },
            new JsonObject { ["title"] = "ascan samx -1 1 4 0.01", ["bec_scan_id"] = becScanId });
        var w = scan.CreateStream(StreamDefinition.Scalar("axis:samx", DType.Float64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        await w.SendAsync(-1.0);
        await w.SendAsync(-0.5);
        await w.FlushAsync();
        return (scan, "axis:samx");
    }
}
