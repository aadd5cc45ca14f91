using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.Bus;

/// <summary>Each recorded session replayed: the real BECClient's requests (their recorded bytes) go to our services, the scripted device
/// server answers with the recorded readings, and what our scan server, bundler and file writer write to Redis (captured with MONITOR,
/// as the fixtures were) is compared with what BEC's did — the same writes, keys, arguments, message types and fields, in each recorded
/// connection's order; ids and times aside, bundle boundaries aside (timing).</summary>
public class RecordedSessionReplayTests
{
    [TestCase("02-line_scan")]
    [TestCase("03-acquire")]
    [TestCase("05-grid_scan")]
    public async Task A_scan_writes_what_the_recorded_services_wrote(string session) => await ReplayAsync(session);

    [Test]
    public async Task Umv_writes_what_the_recorded_scan_server_wrote() => await ReplayAsync("04-umv");

    [Test]
    public async Task A_device_read_writes_what_the_recorded_scan_server_wrote() => await ReplayAsync("07-device_read");

    [Test]
    public async Task An_aborted_scan_writes_what_the_recorded_services_wrote() => await ReplayAsync("06-line_scan_abort");

    private static async Task ReplayAsync(string name)
    {
        var session = RecordedSession.Load(name);
        var clock = new GatedClock();
        await using var h = await ScanStackHarness.StartAsync(readings: session, configure: o => o with { Time = clock });
        var requests = session.By("BECClient").Where(l => l.Op == "PUBLISH" && l.Key.EndsWith("/queue/queue_request", StringComparison.Ordinal)).ToList();
        var abort = session.By("BECClient").FirstOrDefault(l => l.Op == "PUBLISH" && l.Key == "user/queue/queue_modification_request");
        if (abort is not null)
        {
            // Recorded: the abort came during the exposure of point 5 (after its trigger); hold the scan server's timers from that
            // trigger on, so the abort arrives while it waits out the exposure.
            var triggers = 0;
            h.Devices.Hold = ins =>
            {
                if (ins.Action == DeviceInstructionAction.Trigger && ++triggers == 6) clock.Close();
                return Task.CompletedTask;
            };
        }
        await using var monitor = await RedisMonitor.StartAsync(h.Redis);
        foreach (var r in requests) await h.Client.PublishRawAsync(r.Key, r.Payload!);
        var request = BecCodec.DecodeMessage<ScanQueueMessage>(requests[0].Payload!);
        var rid = request.Metadata[MetadataKeys.Rid].AsString();
        if (abort is not null)
        {
            await Eventually.UntilAsync(() => clock.CreatedWhileClosed.Any(d => d < TimeSpan.FromSeconds(1)), "the exposure wait of point 5");
            await h.Client.PublishRawAsync(abort.Key, abort.Payload!);
            await Eventually.UntilAsync(() => !h.Client.Modifications.IsEmpty, "the abort forwarded on info/queue/queue_modification");
            clock.Open();
        }
        await EndAsync(h, session, request, rid);
        var captured = await monitor.StopAsync();
        var expected = WireLog.Recorded(session);
        Assert.That(expected.Count(m => m.Service == "ScanServer"), Is.GreaterThanOrEqualTo(2), "the recording has scan server writes to compare");
        var problems = WireLog.Compare(expected, WireLog.Captured(captured, h.Data.Path)).ToList();
        if (abort is not null)
        {
            // Deliberate: the recorded file writer wrote the file ~10 ms before the sixth point's segment came and left it out; ours
            // collects late segments for a moment after an abort, so its file holds every point bundled (here 6, recorded 5).
            var late = problems.Where(p => (p.Contains("FileContentMessage", StringComparison.Ordinal) && p.Contains("6 items, recorded 5", StringComparison.Ordinal))
                                           || (p.Contains("ScanHistoryMessage", StringComparison.Ordinal) && p.Contains("\"i:6\", recorded \"i:5\"", StringComparison.Ordinal))).ToList();
            Assert.That(h.Client.Segments, Has.Count.EqualTo(6), "points bundled before the abort took effect");
            problems.RemoveAll(late.Contains);
        }
        Assert.That(problems, Is.Empty, $"{name}: our services' writes differ from the recorded ones:\n" + string.Join("\n", problems));
    }

    /// <summary>Waits for the session's last recorded write of our services: the scan history entry (scans), the empty queue (umv),
    /// the rpc result (device read).</summary>
    private static async Task EndAsync(ScanStackHarness h, RecordedSession session, ScanQueueMessage request, string rid)
    {
        switch (request.ScanType)
        {
            case "device_rpc":
                var rpcId = ((BecMap)request.Parameter["kwargs"])["rpc_id"].AsString();
                await Eventually.QueryAsync(() => h.Redis.Bec.KeyExistsAsync($"info/devices/rpc/{rpcId}"), e => e, "the rpc result");
                break;
            case "umv":
            case "mv":
                await h.Client.ItemEndAsync(rid);
                await Eventually.UntilAsync(() => h.Client.QueueStatuses.LastOrDefault()?.Find("primary")?.Info.Count == 0, "the empty queue after the move");
                break;
            default:
                var scanId = await h.Client.ScanIdAsync(rid);
                await h.Client.FileDoneAsync(scanId);
                await Eventually.QueryAsync(() => h.Redis.Bec.StreamLengthAsync("info/scans/scan_history"), n => n >= 1, "the scan history entry");
                await Eventually.UntilAsync(() => h.Client.QueueStatuses.LastOrDefault()?.Find("primary") is { Info.Count: 0, Status: QueueStatus.Running },
                    "the empty, running queue");
                break;
        }
        _ = session;
    }
}
