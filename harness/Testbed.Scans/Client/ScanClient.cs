using System.Threading.Channels;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Blissdata;

namespace Testbed.Scans.Client;

/// <summary>A BEC client for the command line and the demo: submits a request as bec_lib does and follows it to its end through Redis —
/// the request's answer, its queue item, the scan status, the bundler's progress and the file writer's master-file message.</summary>
/// <remarks>It knows the services only through their messages, so it drives BEC's own services as well as ours.</remarks>
public sealed class ScanClient : IAsyncDisposable
{
    private readonly BecConnector _bec;
    private readonly TimeProvider _time;
    private readonly Channel<BecMessage> _events = Channel.CreateUnbounded<BecMessage>();
    private readonly List<BecSubscription> _subscriptions = [];

    private readonly string _url;
    private Bus.ConnectionWatch? _watch;
    private long _restores;
    private volatile FollowedRequest? _current;

    // What was published while our subscriptions were down is lost for us; the keys keep the latest. They are read when Redis is back
    // and twice more while the subscriptions are being restored (real time: reconnecting takes real time).
    private static readonly TimeSpan[] CatchUpAfter = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private ScanClient(BecConnector bec, string url, TimeProvider time)
    {
        _bec = bec;
        _url = url;
        _time = time;
    }

    /// <summary>How long to wait for the scan server's answer to a request.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long (real time) a request waits for a scan server's heartbeat (<c>user/services/status/ScanServer</c>, re-set every
    /// 3 s) before it is refused as "no scan server": longer than one heartbeat, for one that is starting or a Redis just restarted.</summary>
    public TimeSpan ServerWait { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long to wait, after a scan ended, for the file writer's final message.</summary>
    public TimeSpan FileTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The user whose queue channel requests go to (<c>personal/&lt;user&gt;/queue/queue_request</c>).</summary>
    public string User { get; set; } = "default";

    /// <summary>Connects to the BEC Redis at <paramref name="redisUrl"/> and listens to what a client listens to.</summary>
    public static async Task<ScanClient> ConnectAsync(string redisUrl, TimeProvider? time = null)
    {
        var client = new ScanClient(await BecConnector.ConnectAsync(redisUrl, clientName: "BECClient"), redisUrl, time ?? TimeProvider.System);
        await client.ListenAsync(MessageEndpoints.ScanQueueRequestResponse());
        await client.ListenAsync(MessageEndpoints.ScanQueueStatus());
        await client.ListenAsync(MessageEndpoints.ScanStatus());
        await client.ListenAsync(MessageEndpoints.ScanProgress());
        await client.ListenAsync(MessageEndpoints.PublicFile("*", "*"));
        client._watch = new Bus.ConnectionWatch(client._bec.Redis);
        client._watch.Restored += () =>
        {
            Interlocked.Increment(ref client._restores);
            _ = client.CatchUpAsync();
        };
        return client;
    }

    /// <summary>Submits <paramref name="request"/> and follows it to its end. Cancelling asks the scan server to abort it, then waits for the end.</summary>
    /// <exception cref="ScanRefusedException">The scan server refused it (its message says why; nothing moved).</exception>
    /// <exception cref="ScanStackTimeoutException">No scan server answered.</exception>
    public async Task<ScanResult> RunAsync(ScanRequest request, IProgress<ScanProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        await RequireScanServerAsync(request, cancellationToken);
        var rid = Guid.NewGuid().ToString();
        await _bec.SendAsync(MessageEndpoints.ScanQueueRequest(User), Message(request, rid));
        var run = new FollowedRequest(request, rid);
        _current = run;
        var restores = Volatile.Read(ref _restores);
        var answerBy = _time.GetTimestamp();
        var aborted = false;
        while (!run.Ended)
        {
            var wait = run.Answered ? Timeout.InfiniteTimeSpan : AnswerTimeout - _time.GetElapsedTime(answerBy);
            if (!run.Answered && wait <= TimeSpan.Zero)
                throw new ScanStackTimeoutException($"{request.Text}: no answer from a scan server at {_url} within {AnswerTimeout.TotalSeconds:0.#} s; is the scan server running?");
            BecMessage? next;
            try { next = await NextAsync(wait, aborted ? CancellationToken.None : cancellationToken); }
            catch (OperationCanceledException) when (!aborted && cancellationToken.IsCancellationRequested)
            {
                aborted = true;
                await _bec.SendAsync(MessageEndpoints.ScanQueueModificationRequest(),
                    new ScanQueueModificationMessage { ScanId = BecValue.Nil, RequestId = rid, Action = QueueModificationAction.Abort, Parameter = [] });
                continue;
            }
            if (next is null) continue;
            run.Observe(next, progress);
        }
        // The end may have come through the catch-up after an outage while the bundler's last progress went out before the
        // subscription was back: its key holds it.
        if (Volatile.Read(ref _restores) != restores && run.ScanId is not null)
        {
            try { if (await _bec.GetAsync(MessageEndpoints.ScanProgress()) is { } missed) run.Observe(missed, progress); }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException) { }
        }
        if (run.Refusal is { } refusal) throw new ScanRefusedException(refusal);
        if (request.IsScan && run.ScanId is not null && run.File is null) await WaitForFileAsync(run);
        var last = run.LastStatus;
        return new ScanResult(request, run.QueueEnd!, run.ScanId, last?.ScanNumber, last?.Status, Failure(last),
            last is null ? null : BlissdataContract.Of(last)?.Key, run.File?.FilePath, run.File?.Successful ?? false);
    }

    // Without a scan server the request would sit unanswered for AnswerTimeout: say so soon. A live one re-sets its heartbeat key
    // every 3 s, also after a Redis restart emptied the keys, so ServerWait (real time: the heartbeat does not scale) covers it.
    // A Redis that cannot answer the question is left to the request's own outage handling.
    private async Task RequireScanServerAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        var key = MessageEndpoints.ServiceStatus("ScanServer").Endpoint;
        var since = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                if (await _bec.Database.KeyExistsAsync(key)) return;
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException) { return; }
            if (TimeProvider.System.GetElapsedTime(since) >= ServerWait)
                throw new ScanStackTimeoutException(
                    $"{request.Text}: no scan server on {_url}: nothing refreshes its heartbeat {key}; start one (testbed demo, testbed serve scan-server) or point --redis at the Redis it uses");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>Asks the scan server to pause, resume, abort or halt the running scan (<paramref name="scanId"/>; null: whatever runs),
    /// as bec_lib's <c>scans.scan_abort()</c> … do; the effect shows in the scan status the run follows.</summary>
    public Task ModifyQueueAsync(QueueModificationAction action, string? scanId = null) =>
        _bec.SendAsync(MessageEndpoints.ScanQueueModificationRequest(), new ScanQueueModificationMessage
        {
            ScanId = scanId is null ? BecValue.Nil : new BecList { scanId }, Action = action, Parameter = [],
        });

    /// <summary>The device server's last readback of <paramref name="device"/> (signal <paramref name="signal"/>, default the device's name), or null.</summary>
    public async Task<double?> ReadbackAsync(string device, string? signal = null)
    {
        var m = await _bec.GetAsync(MessageEndpoints.DeviceReadback(device));
        return m is null ? null : ScanServer.Devices.DeviceSet.Number(m.Signals, signal ?? device);
    }

    /// <summary>After an outage: the queue, the followed scan's status, progress and master-file message, read from their keys.</summary>
    private async Task CatchUpAsync()
    {
        foreach (var delay in CatchUpAfter)
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, TimeProvider.System);
            try
            {
                if (await _bec.GetAsync(MessageEndpoints.ScanQueueStatus()) is { } queue) _events.Writer.TryWrite(queue);
                if (_current?.ScanId is not { } scanId) continue;
                if (await _bec.GetAsync(MessageEndpoints.PublicScanInfo(scanId)) is { } status) _events.Writer.TryWrite(status);
                if (await _bec.GetAsync(MessageEndpoints.ScanProgress()) is { } progress) _events.Writer.TryWrite(progress);
                if (await _bec.GetAsync(MessageEndpoints.PublicFile(scanId, "master")) is { } file) _events.Writer.TryWrite(file);
            }
            catch (Bec.BecException) { } // away again: the next restore reads them again
        }
    }

    private async Task WaitForFileAsync(FollowedRequest run)
    {
        var start = _time.GetTimestamp();
        while (run.File is null)
        {
            var left = FileTimeout - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero) return;
            if (await NextAsync(left, CancellationToken.None) is { } m) run.Observe(m, null);
        }
    }

    private async Task<BecMessage?> NextAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = wait == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(wait, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try { return await _events.Reader.ReadAsync(linked.Token); }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested) { return null; }
    }

    private async Task ListenAsync<T>(EndpointInfo<T> endpoint) where T : BecMessage =>
        _subscriptions.Add(await _bec.SubscribeAsync(endpoint, m =>
        {
            _events.Writer.TryWrite(m.Message);
            return Task.CompletedTask;
        }));

    private static ScanQueueMessage Message(ScanRequest request, string rid)
    {
        var kwargs = new BecMap();
        foreach (var (k, v) in request.Kwargs.Entries) kwargs.Add(k, v);
        kwargs.Set("system_config", new BecMap { ["file_suffix"] = BecValue.Nil, ["file_directory"] = BecValue.Nil });
        return new ScanQueueMessage
        {
            Metadata = new BecMap
            {
                ["file_suffix"] = BecValue.Nil,
                ["file_directory"] = BecValue.Nil,
                ["user_metadata"] = new BecMap(),
                ["client_info"] = new BecMap { ["acl_user"] = "default", ["username"] = Environment.UserName, ["hostname"] = Environment.MachineName },
                [MetadataKeys.Rid] = rid,
            },
            ScanType = request.ScanType,
            Parameter = new BecMap { ["args"] = request.Args, ["kwargs"] = kwargs },
        };
    }

    private static string? Failure(ScanStatusMessage? status) =>
        status?.Info.GetOrNull("failure") is BecStr s ? s.Value : null;

    public async ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        foreach (var s in _subscriptions) await s.DisposeAsync();
        await _bec.DisposeAsync();
    }
}
