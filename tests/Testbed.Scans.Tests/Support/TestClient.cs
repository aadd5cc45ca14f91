using System.Collections.Concurrent;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.Support;

/// <summary>A BEC client for tests: submits requests as bec_lib does (personal/default/queue/queue_request, RID and client_info in the
/// metadata) and records what comes back on the channels a real client listens to.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly List<BecSubscription> _subscriptions = [];

    private TestClient(BecConnector bec) => Bec = bec;

    public BecConnector Bec { get; }

    public ConcurrentQueue<RequestResponseMessage> Responses { get; } = new();

    public ConcurrentQueue<ScanQueueStatusMessage> QueueStatuses { get; } = new();

    public ConcurrentQueue<ScanStatusMessage> ScanStatuses { get; } = new();

    public ConcurrentQueue<ScanMessage> Segments { get; } = new();

    public ConcurrentQueue<FileMessage> Files { get; } = new();

    public ConcurrentQueue<ScanQueueModificationMessage> Modifications { get; } = new();

    public ConcurrentQueue<AlarmMessage> Alarms { get; } = new();

    public ConcurrentQueue<ProgressMessage> Progress { get; } = new();

    public static async Task<TestClient> ConnectAsync(string url)
    {
        var c = new TestClient(await BecConnector.ConnectAsync(url, clientName: "BECClient"));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.ScanQueueRequestResponse(), Into(c.Responses)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.ScanQueueStatus(), Into(c.QueueStatuses)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.ScanStatus(), Into(c.ScanStatuses)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.ScanSegment(), Into(c.Segments)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.PublicFile("*", "*"), Into(c.Files)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.ScanQueueModification(), Into(c.Modifications)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.Alarm(), Into(c.Alarms)));
        c._subscriptions.Add(await c.Bec.SubscribeAsync(MessageEndpoints.ScanProgress(), Into(c.Progress)));
        return c;
    }

    /// <summary>Sends a request; returns its RID.</summary>
    public async Task<string> SendAsync(string scanType, BecValue args, BecMap kwargs)
    {
        var rid = Guid.NewGuid().ToString();
        kwargs.Set("system_config", new BecMap { ["file_suffix"] = BecValue.Nil, ["file_directory"] = BecValue.Nil });
        var request = new ScanQueueMessage
        {
            Metadata = new BecMap
            {
                ["file_suffix"] = BecValue.Nil,
                ["file_directory"] = BecValue.Nil,
                ["user_metadata"] = new BecMap(),
                ["client_info"] = new BecMap { ["acl_user"] = "default", ["username"] = "operator", ["hostname"] = "beamline-host" },
                ["RID"] = rid,
            },
            ScanType = scanType,
            Parameter = new BecMap { ["args"] = args, ["kwargs"] = kwargs },
        };
        await Bec.SendAsync(MessageEndpoints.ScanQueueRequest("default"), request);
        return rid;
    }

    /// <summary>Sends a request and waits for the scan server's answer to it.</summary>
    public async Task<(string Rid, RequestResponseMessage Response)> RequestAsync(string scanType, BecValue args, BecMap kwargs)
    {
        var rid = await SendAsync(scanType, args, kwargs);
        return (rid, await ResponseAsync(rid));
    }

    public Task<RequestResponseMessage> ResponseAsync(string rid) =>
        Eventually.ValueAsync(() => Responses.FirstOrDefault(r => Rid(r) == rid), r => r is not null, $"the answer to request {rid}")!;

    /// <summary>Waits until the queue item of <paramref name="rid"/> is finished (COMPLETED, STOPPED, CANCELLED) and returns its status.</summary>
    public async Task<string> ItemEndAsync(string rid, TimeSpan? deadline = null)
    {
        var entry = await Eventually.ValueAsync(() => QueueStatuses.SelectMany(q => q.Find("primary")!.Info)
                .FirstOrDefault(i => i.RequestBlocks.Any(b => b.Rid == rid) && i.Status is QueueItemStatus.Completed or QueueItemStatus.Stopped or QueueItemStatus.Cancelled),
            e => e is not null, $"the end of queue item {rid}", deadline);
        return entry!.Status;
    }

    /// <summary>The scan_id of <paramref name="rid"/>'s scan, once queued.</summary>
    public async Task<string> ScanIdAsync(string rid) =>
        (await Eventually.ValueAsync(() => QueueStatuses.SelectMany(q => q.Find("primary")!.Info)
            .FirstOrDefault(i => i.RequestBlocks.Any(b => b.Rid == rid))?.ScanId[0], id => id is not null, $"the scan id of request {rid}"))!;

    /// <summary>Waits for the master file's final message (done) of the scan, as ScanReport.wait() does.</summary>
    public async Task<FileMessage> FileDoneAsync(string scanId)
    {
        return (await Eventually.ValueAsync(() => Files.FirstOrDefault(f => f.Done && f.FilePath.Contains("_master", StringComparison.Ordinal) &&
            ScanStatuses.Any(s => s.ScanId == scanId && f.FilePath.StartsWith(Master(s), StringComparison.Ordinal))), f => f is not null, $"the master file of scan {scanId}"))!;
    }

    public IReadOnlyList<ScanStatusMessage> StatusesOf(string scanId) => [.. ScanStatuses.Where(s => s.ScanId == scanId)];

    public Task PublishRawAsync(string channel, byte[] payload) =>
        Bec.Database.PublishAsync(StackExchange.Redis.RedisChannel.Literal(channel), payload);

    private static string Master(ScanStatusMessage s) => ((BecList)s.Info["file_components"])[0].AsString();

    private static string? Rid(RequestResponseMessage r) => r.Metadata.GetOrNull(MetadataKeys.Rid) is BecStr s ? s.Value : null;

    private static Func<BecPubSubMessage<T>, Task> Into<T>(ConcurrentQueue<T> queue) => m =>
    {
        queue.Enqueue(m.Message);
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions) await s.DisposeAsync();
        await Bec.DisposeAsync();
    }
}
