using System.Collections.Concurrent;

using StackExchange.Redis;

using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.TestSupport;
using Testbed.Twin.Clock;

namespace Testbed.Bec.Tests.Redis;

/// <summary>The connector against a real redis-server: BEC's commands, transactions, pub/sub, streams, lists, and the op/type checks.</summary>
/// <remarks>Pub/sub channels are shared by all databases of a server, so every test names its own devices/channels.</remarks>
public class BecConnectorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Unique(string what) => $"{what}{Guid.NewGuid():N}"[..20];

    private static DeviceMessage Reading(double value, double timestamp = 1796162122.5) => new DeviceMessage().WithSignal("samx", value, timestamp);

    private static async Task<(RedisTestDatabase Db, BecConnector Connector)> ConnectAsync(BecConnectorOptions? options = null)
    {
        var server = await RedisTestServer.RequireAsync();
        var db = await server.NewDatabaseAsync();
        return (db, new BecConnector(server.Connection, options, db.Index));
    }

    [Test]
    public async Task SetAndPublish_is_one_MULTI_EXEC_with_the_same_bytes_as_BEC_sends()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var endpoint = MessageEndpoints.DeviceRead(Unique("samx"));
        using var log = new CommandLog(db);
        await bec.SetAndPublishAsync(endpoint, Reading(1.5), TimeSpan.FromSeconds(6));
        var commands = await log.StopAsync();
        Assert.That(CommandLog.On(commands, endpoint.Endpoint), Is.EqualTo(new[]
        {
            "MULTI", $"SET {endpoint.Endpoint} <msg> EX 6", $"PUBLISH {endpoint.Endpoint} <msg>", "EXEC",
        }));
        var set = commands.Single(c => c[0] == "SET");
        var publish = commands.Single(c => c[0] == "PUBLISH");
        Assert.That(set[2], Is.EqualTo(publish[2]), "the key and the channel carry the same bytes");
    }

    [Test]
    public async Task A_subscriber_sees_the_value_already_set_when_the_message_arrives()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var endpoint = MessageEndpoints.DeviceReadback(Unique("samx"));
        var seen = new TaskCompletionSource<(DeviceMessage Message, DeviceMessage? Stored)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await bec.SubscribeAsync(endpoint, async m => seen.TrySetResult((m.Message, await bec.GetAsync(endpoint))));
        await bec.SetAndPublishAsync(endpoint, Reading(-0.5));
        var (message, stored) = await seen.Task.WaitAsync(Wait);
        Assert.That(message.Signals["samx"].AsMap()["value"].AsDouble(), Is.EqualTo(-0.5));
        Assert.That(stored, Is.EqualTo(message));
    }

    [Test]
    public async Task Send_and_subscribe_round_trip_a_typed_message_in_order()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var endpoint = MessageEndpoints.ScanQueueRequest(Unique("user"));
        var received = new ConcurrentQueue<BecPubSubMessage<ScanQueueMessage>>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await bec.SubscribeAsync(endpoint, m =>
        {
            received.Enqueue(m);
            if (received.Count == 3) all.TrySetResult();
            return Task.CompletedTask;
        });
        for (var i = 0; i < 3; i++)
        {
            var request = new ScanQueueMessage { ScanType = "acquire", Parameter = new BecMap { ["args"] = new BecList(), ["kwargs"] = new BecMap { ["n"] = i } } };
            Assert.That(await bec.SendAsync(endpoint, request), Is.EqualTo(1));
        }
        await all.Task.WaitAsync(Wait);
        Assert.That(received.Select(m => m.Message.Parameter["kwargs"].AsMap()["n"].AsInt64()), Is.EqualTo(new[] { 0L, 1L, 2L }));
        Assert.That(received.All(m => m.Channel == endpoint.Endpoint && m.Pattern is null));
    }

    [Test]
    public async Task A_pattern_endpoint_subscribes_with_PSUBSCRIBE_and_reports_the_channel()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var prefix = Unique("dev");
        var pattern = MessageEndpoints.DeviceRead(prefix + "*");
        var got = new TaskCompletionSource<BecPubSubMessage<DeviceMessage>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await bec.SubscribeAsync(pattern, m =>
        {
            got.TrySetResult(m);
            return Task.CompletedTask;
        });
        await bec.SetAndPublishAsync(MessageEndpoints.DeviceRead(prefix + "_bpm4i"), Reading(3));
        var m = await got.Task.WaitAsync(Wait);
        Assert.That((m.Channel, m.Pattern), Is.EqualTo(($"info/devices/read/{prefix}_bpm4i", pattern.Endpoint)));
    }

    [Test]
    public async Task A_scan_segment_bundle_reaches_a_ScanMessage_subscriber_message_by_message()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var points = new ConcurrentQueue<long>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await bec.SubscribeAsync(MessageEndpoints.ScanSegment(), m =>
        {
            points.Enqueue(m.Message.PointId);
            if (points.Count == 2) done.TrySetResult();
            return Task.CompletedTask;
        });
        var bundle = new BundleMessage()
            .Add(new ScanMessage { PointId = 0, ScanId = "s", Data = new BecMap() })
            .Add(new ScanMessage { PointId = 1, ScanId = "s", Data = new BecMap() });
        await bec.SendAsync(MessageEndpoints.ScanSegment(), bundle);
        await done.Task.WaitAsync(Wait);
        Assert.That(points, Is.EqualTo(new[] { 0L, 1L }));
    }

    [Test]
    public async Task A_message_that_cannot_be_used_is_reported_and_the_subscription_goes_on()
    {
        var errors = new ConcurrentQueue<BecConnectorError>();
        var (db, bec) = await ConnectAsync(new BecConnectorOptions { OnError = errors.Enqueue });
        await using var _ = db;
        var endpoint = MessageEndpoints.DeviceRead(Unique("samx"));
        var got = new TaskCompletionSource<DeviceMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await bec.SubscribeAsync(endpoint, m =>
        {
            got.TrySetResult(m.Message);
            return Task.CompletedTask;
        });
        var channel = RedisChannel.Literal(endpoint.Endpoint);
        await db.Database.PublishAsync(channel, new byte[] { 0xc1 });
        await db.Database.PublishAsync(channel, new DeviceStatusMessage { Device = "samx", Status = 1 }.Encode());
        await bec.SetAndPublishAsync(endpoint, Reading(7));
        Assert.That((await got.Task.WaitAsync(Wait)).Signals["samx"].AsMap()["value"].AsDouble(), Is.EqualTo(7));
        Assert.That(errors.Select(e => e.Problem), Has.Exactly(1).Contains("unknown msgpack code 0xc1 at byte 0"));
        Assert.That(errors.Select(e => e.Problem), Has.Exactly(1).Contains("got a DeviceStatusMessage; device_read carries DeviceMessage"));
        Assert.That(errors.All(e => e.Endpoint == endpoint.Endpoint));
    }

    [Test]
    public async Task Key_values_are_set_with_expiry_and_read_typed()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var rpc = MessageEndpoints.DeviceRpc(Unique("rpc"));
        var result = new DeviceRPCMessage { Device = "samx", ReturnVal = new BecMap { ["samx"] = new BecMap { ["value"] = 0 } }, Out = "" };
        await bec.SetAsync(rpc, result, TimeSpan.FromSeconds(1800));
        var ttl = await db.Database.KeyTimeToLiveAsync(rpc.Endpoint);
        Assert.That(ttl!.Value.TotalSeconds, Is.InRange(1790, 1800));
        var back = await bec.GetAsync(rpc);
        Assert.That(back!.Success, Is.True);
        Assert.That(back, Is.EqualTo(result));
        Assert.That(await bec.GetAsync(MessageEndpoints.DeviceRpc("absent")), Is.Null);
        Assert.That(await bec.DeleteAsync(rpc), Is.True);
        Assert.That(await bec.GetAsync(rpc), Is.Null);
    }

    [Test]
    public async Task A_stored_message_of_another_class_is_refused_on_get()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var endpoint = MessageEndpoints.DeviceStatus("samx");
        await db.Database.StringSetAsync(endpoint.Endpoint, Reading(1).Encode());
        Assert.That(async () => await bec.GetAsync(endpoint), Throws.TypeOf<IncompatibleMessageForEndpointException>().With.Message.EqualTo(
            "GET 'info/devices/status/samx' gave a DeviceMessage; device_status carries DeviceStatusMessage"));
    }

    [Test]
    public async Task Misuse_of_an_endpoint_is_refused_before_anything_is_sent()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var status = new DeviceStatusMessage { Device = "samx", Status = 1 };
        Assert.That(async () => await bec.SetAndPublishAsync(MessageEndpoints.DeviceStatus("samx"), status),
            Throws.TypeOf<IncompatibleRedisOperationException>().With.Message.StartsWith("set_and_publish is not allowed on 'info/devices/status/samx'"));
        Assert.That(async () => await bec.SetAsync(MessageEndpoints.DeviceRead("samx"), Reading(1)), Throws.TypeOf<IncompatibleRedisOperationException>());
        Assert.That(async () => await bec.XAddAsync(MessageEndpoints.ScanQueueStatus(), new ScanQueueStatusMessage()), Throws.TypeOf<IncompatibleRedisOperationException>());
        Assert.That(async () => await bec.LPushAsync(MessageEndpoints.AvailableScans(), new AvailableResourceMessage { Resource = new BecMap() }),
            Throws.TypeOf<IncompatibleRedisOperationException>());
        // An untyped endpoint still checks the class at run time.
        Assert.That(async () => await bec.SendAsync(MessageEndpoints.GuiInstructions("g"), status),
            Throws.TypeOf<IncompatibleRedisOperationException>());
        Assert.That(async () => await bec.SetAndPublishAsync(MessageEndpoints.GuiData("g"), status),
            Throws.TypeOf<IncompatibleMessageForEndpointException>().With.Message.Contains("gui_data carries GUIDataMessage"));
        var invalid = new DeviceMessage { Signals = new BecMap { ["samx"] = new BecMap { ["val"] = 1 } } };
        Assert.That(async () => await bec.SetAndPublishAsync(MessageEndpoints.DeviceRead("samx"), invalid),
            Throws.TypeOf<BecValidationException>().With.Message.EqualTo("not sent to 'info/devices/read/samx': DeviceMessage.signals['samx']: key 'val' is not one of 'value', 'timestamp'"));
        Assert.That((long)await db.Database.ExecuteAsync("DBSIZE"), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task A_transaction_writes_several_endpoints_in_one_MULTI_in_order()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var device = Unique("samx");
        using var log = new CommandLog(db);
        await bec.CreateTransaction()
            .SetAndPublish(MessageEndpoints.DeviceRead(device), Reading(1))
            .SetAndPublish(MessageEndpoints.DeviceReadback(device), Reading(1))
            .Set(MessageEndpoints.DeviceStatus(device), new DeviceStatusMessage { Device = device, Status = 0 })
            .ExecuteAsync();
        var commands = await log.StopAsync();
        Assert.That(commands.Select(c => c.Length > 1 ? $"{c[0]} {c[1]}" : c[0]).Where(c => !c.StartsWith("ECHO", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "MULTI", $"SET info/devices/read/{device}", $"PUBLISH info/devices/read/{device}",
            $"SET info/devices/readback/{device}", $"PUBLISH info/devices/readback/{device}", $"SET info/devices/status/{device}", "EXEC",
        }));
    }

    [Test]
    public async Task Lists_push_with_LTRIM_and_EXPIRE_in_one_MULTI_and_read_newest_first()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var history = MessageEndpoints.ScanQueueHistory();
        using var log = new CommandLog(db);
        for (var i = 0; i < 3; i++)
            await bec.LPushAsync(history, new ScanQueueHistoryMessage { Status = "COMPLETED", QueueId = $"q{i}", Info = Entry($"q{i}") }, maxSize: 2);
        var responses = MessageEndpoints.ServiceResponse(Unique("rid"));
        await bec.LPushAsync(responses, new ServiceResponseMessage { Response = new BecMap { ["accepted"] = true, ["service"] = "DeviceServer" } }, expire: TimeSpan.FromSeconds(100));
        var commands = await log.StopAsync();
        Assert.That(CommandLog.On(commands, history.Endpoint).Take(4), Is.EqualTo(new[] { "MULTI", $"LPUSH {history.Endpoint} <msg>", $"LTRIM {history.Endpoint} 0 1", "EXEC" }));
        Assert.That(CommandLog.On(commands, responses.Endpoint)[^4..], Is.EqualTo(new[] { "MULTI", $"LPUSH {responses.Endpoint} <msg>", $"EXPIRE {responses.Endpoint} 100", "EXEC" }));
        var newest = await bec.LRangeAsync(history, 0, 5);
        Assert.That(newest.Select(h => h.QueueId), Is.EqualTo(new[] { "q2", "q1" }));
        Assert.That(await bec.LLenAsync(history), Is.EqualTo(2));
    }

    [Test]
    public async Task Streams_are_written_as_BEC_does_and_read_back()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var frames = MessageEndpoints.DeviceMonitor2D(Unique("eiger"));
        using var log = new CommandLog(db);
        for (var i = 0; i < 3; i++)
        {
            var frame = new DeviceMonitor2DMessage { Device = "eiger", Data = NdArray.From<ushort>([(ushort)i, 0, 0, 0], 2, 2), Timestamp = 1796162122.5 + i };
            Assert.That(await bec.XAddAsync(frames, frame, maxSize: 100, expire: TimeSpan.FromSeconds(3600)), Does.Match(@"^\d+-\d+$"));
        }
        var logStream = MessageEndpoints.Log();
        await bec.XAddAsync(logStream, new LogMessage { LogType = LogType.Info, LogMsg = "started" }, maxSize: 10000);
        var commands = await log.StopAsync();
        Assert.That(CommandLog.On(commands, frames.Endpoint).Take(4), Is.EqualTo(new[]
        {
            "MULTI", $"XADD {frames.Endpoint} MAXLEN ~ 100 * data <msg>", $"EXPIRE {frames.Endpoint} 3600", "EXEC",
        }));
        Assert.That(CommandLog.On(commands, logStream.Endpoint)[^1], Is.EqualTo($"XADD {logStream.Endpoint} MAXLEN ~ 10000 * data <msg>"), "no MULTI without an expiry");

        var all = await bec.XRangeAsync(frames);
        Assert.That(all.Select(e => e.Message.Data.ToArray<ushort>()[0]), Is.EqualTo(new ushort[] { 0, 1, 2 }));
        Assert.That((await bec.GetLastAsync(frames))!.Id, Is.EqualTo(all[^1].Id));
        Assert.That(await bec.XReadAsync(frames, all[0].Id), Has.Count.EqualTo(2));
        Assert.That(await bec.XReadAsync(frames, all[^1].Id), Is.Empty);
        Assert.That(await bec.GetLastAsync(MessageEndpoints.DeviceMonitor2D("absent")), Is.Null);
    }

    [Test]
    public async Task A_blocking_read_returns_the_entry_that_arrives_while_it_waits()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var stream = MessageEndpoints.DeviceReqStatus(Unique("rid"));
        var read = bec.XReadAsync(stream, "0-0", TimeSpan.FromSeconds(30));
        await Task.Delay(100);
        Assert.That(read.IsCompleted, Is.False);
        await bec.XAddAsync(stream, new DeviceReqStatusMessage { Device = "samx", Success = true, RequestId = "r" }, expire: TimeSpan.FromSeconds(3600));
        var entries = await read.WaitAsync(Wait);
        Assert.That(entries.Single().Message.Success, Is.True);
        Assert.That((await bec.GetLastAsync(stream))!.Id, Is.EqualTo(entries[0].Id));
    }

    [Test]
    public async Task A_blocking_read_times_out_on_the_connectors_clock()
    {
        // 10 virtual seconds at rate 200 pass in 50 ms of real time: the timeout is measured on the injected clock.
        using var clock = new SimulationClock(rate: 200);
        var (db, bec) = await ConnectAsync(new BecConnectorOptions { Time = clock, StreamPollInterval = TimeSpan.FromMilliseconds(500) });
        await using var _ = db;
        var started = clock.Elapsed;
        var entries = await bec.XReadAsync(MessageEndpoints.Log(), "0-0", TimeSpan.FromSeconds(10)).WaitAsync(Wait);
        Assert.That(entries, Is.Empty);
        Assert.That(clock.Elapsed - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task A_stream_follower_delivers_new_entries_in_order_and_from_the_start_when_asked()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var history = MessageEndpoints.ScanHistory();
        await bec.XAddAsync(history, History("before"), maxSize: 10000);
        using var cts = new CancellationTokenSource(Wait);
        var got = new List<string>();
        var following = Task.Run(async () =>
        {
            await foreach (var entry in bec.FollowStreamAsync(history, ct: cts.Token))
            {
                got.Add(entry.Message.ScanId);
                if (got.Count == 2) break;
            }
        });
        await Task.Delay(100);
        await bec.XAddAsync(history, History("a"), maxSize: 10000);
        await bec.XAddAsync(history, History("b"), maxSize: 10000);
        await following.WaitAsync(Wait);
        Assert.That(got, Is.EqualTo(new[] { "a", "b" }));

        var fromStart = new List<string>();
        await foreach (var entry in bec.FollowStreamAsync(history, fromStart: true, ct: cts.Token))
        {
            fromStart.Add(entry.Message.ScanId);
            if (fromStart.Count == 3) break;
        }
        Assert.That(fromStart, Is.EqualTo(new[] { "before", "a", "b" }));
    }

    [Test]
    public async Task A_stream_entry_without_the_data_field_is_refused_with_its_id()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var stream = MessageEndpoints.Log();
        var id = await db.Database.StreamAddAsync(stream.Endpoint, "text", "hello");
        Assert.That(async () => await bec.XRangeAsync(stream), Throws.TypeOf<BecDecodeException>().With.Message.EqualTo(
            $"XRANGE 'user/log': entry {id} has no 'data' field (fields: text)"));
    }

    [Test]
    public async Task Redis_sets_are_read_and_trimmed()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        var active = MessageEndpoints.ActiveProcedureExecutions();
        var execution = new Testbed.Bec.Messages.GenericMessage("ProcedureExecutionMessage", new BecMap { ["metadata"] = new BecMap(), ["identifier"] = "p" });
        await db.Database.SetAddAsync(active.Endpoint, execution.Encode());
        var members = await bec.GetSetMembersAsync(active);
        Assert.That(members.Single().TypeName, Is.EqualTo("ProcedureExecutionMessage"));
        Assert.That(await bec.RemoveFromSetAsync(active, execution), Is.True);
        Assert.That(await bec.GetSetMembersAsync(active), Is.Empty);
    }

    [Test]
    public async Task Keys_lists_the_keys_of_a_pattern_endpoint()
    {
        var (db, bec) = await ConnectAsync();
        await using var _ = db;
        foreach (var name in new[] { "DeviceServer", "ScanServer", "BECClient/6317b626" })
            await db.Database.StringSetAsync(MessageEndpoints.ServiceStatus(name).Endpoint, "x");
        Assert.That(await bec.KeysAsync(MessageEndpoints.ServiceStatus("*")), Is.EqualTo(new[]
        {
            "user/services/status/BECClient/6317b626", "user/services/status/DeviceServer", "user/services/status/ScanServer",
        }));
    }

    [Test]
    public async Task Connecting_to_nothing_says_where_and_what_to_do()
    {
        var port = FreePort.Tcp();
        Assert.That(async () => await BecConnector.ConnectAsync($"redis://127.0.0.1:{port}/0", new BecConnectorOptions { ConnectTimeout = TimeSpan.FromSeconds(1) }),
            Throws.TypeOf<BecException>().With.Message.StartsWith($"cannot connect to Redis at 'redis://127.0.0.1:{port}/0'").And.Message.EndsWith("check that redis-server runs there"));
    }

    private static QueueInfoEntry Entry(string queueId) => new()
    {
        QueueId = queueId, ScanId = ["s"], IsScan = [true], RequestBlocks = [], ScanNumber = [1], Status = QueueItemStatus.Completed,
    };

    private static ScanHistoryMessage History(string scanId) => new()
    {
        ScanId = scanId, ScanNumber = 1, DatasetNumber = 1, FilePath = "/data/S00001_master.h5", ExitStatus = ScanExitStatus.Closed,
        StartTime = 1.0, EndTime = 2.0, ScanName = "line_scan",
    };
}
