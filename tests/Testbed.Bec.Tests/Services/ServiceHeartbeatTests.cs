using System.Threading.Channels;

using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Services;
using Testbed.Bec.Tests.Fixtures;
using Testbed.Bec.Tests.Redis;
using Testbed.Bec.Values;
using Testbed.TestSupport;
using Testbed.Twin.Clock;

namespace Testbed.Bec.Tests.Services;

/// <summary>Heartbeats as BEC services send them (01-startup): SET EX 6 + PUBLISH every 3 s on the injected clock, metrics every second.</summary>
public class ServiceHeartbeatTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Unique(string what) => $"{what}{Guid.NewGuid():N}"[..24];

    private static async Task<(RedisTestDatabase Db, BecConnector Connector)> ConnectAsync(TimeProvider time)
    {
        var server = await RedisTestServer.RequireAsync();
        var db = await server.NewDatabaseAsync();
        return (db, new BecConnector(server.Connection, new BecConnectorOptions { Time = time }, db.Index));
    }

    /// <summary>A subscription that queues what arrives, to wait for the next heartbeat.</summary>
    private static async Task<(BecSubscription Subscription, ChannelReader<T> Messages)> ListenAsync<T>(BecConnector bec, EndpointInfo<T> endpoint) where T : BecMessage
    {
        var channel = Channel.CreateUnbounded<T>();
        var subscription = await bec.SubscribeAsync(endpoint, m => channel.Writer.WriteAsync(m.Message).AsTask());
        return (subscription, channel.Reader);
    }

    [Test]
    public async Task The_heartbeat_key_lives_at_most_6_s_and_is_refreshed_every_3_s_of_the_clock()
    {
        using var clock = new SimulationClock(paused: true, start: DateTimeOffset.FromUnixTimeSeconds(1796162100));
        var (db, bec) = await ConnectAsync(clock);
        await using var _ = db;
        var name = Unique("DeviceServer");
        var endpoint = MessageEndpoints.ServiceStatus(name);
        var (subscription, beats) = await ListenAsync(bec, endpoint);
        await using var __ = subscription;
        await using var heartbeat = new ServiceHeartbeat(bec, name, new ServiceHeartbeatOptions { Time = clock, PublishMetrics = false });
        heartbeat.Start();
        Assert.That(heartbeat.Status, Is.EqualTo(BecStatus.Busy), "BEC services start BUSY");

        await heartbeat.SetStatusAsync(BecStatus.Running);
        var first = await beats.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.That((first.Name, first.Status), Is.EqualTo((name, BecStatus.Running)));
        Assert.That(first.Info.Timestamp, Is.EqualTo(1796162100.0));
        var ttl = await db.Database.KeyTimeToLiveAsync(endpoint.Endpoint);
        Assert.That(ttl!.Value.TotalSeconds, Is.GreaterThan(5).And.LessThanOrEqualTo(6));

        clock.Advance(TimeSpan.FromSeconds(2.9));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var second = await beats.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.That(second.Info.Timestamp, Is.EqualTo(1796162103.0), "the beat after one interval of the clock");
        var stored = await bec.GetAsync(endpoint);
        Assert.That(stored!.Info.Timestamp, Is.EqualTo(1796162103.0));
        Assert.That((await db.Database.KeyTimeToLiveAsync(endpoint.Endpoint))!.Value.TotalSeconds, Is.GreaterThan(5).And.LessThanOrEqualTo(6));

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.That((await beats.ReadAsync().AsTask().WaitAsync(Wait)).Info.Timestamp, Is.EqualTo(1796162106.0));
        Assert.That(beats.TryRead(out var extra), Is.False, $"one beat per interval, got another at {extra?.Info.Timestamp}");
    }

    [Test]
    public async Task A_heartbeat_is_SET_EX_6_and_PUBLISH_in_one_MULTI_as_recorded()
    {
        using var clock = new SimulationClock(paused: true);
        var (db, bec) = await ConnectAsync(clock);
        await using var _ = db;
        var name = Unique("ScanServer");
        await using var heartbeat = new ServiceHeartbeat(bec, name, new ServiceHeartbeatOptions { Time = clock });
        using var log = new CommandLog(db);
        await heartbeat.SetStatusAsync(BecStatus.Running);
        await heartbeat.PublishMetricsAsync();
        var commands = await log.StopAsync();
        var status = $"user/services/status/{name}";
        var metrics = $"user/services/metrics/{name}";
        Assert.That(CommandLog.On(commands, status).Take(4), Is.EqualTo(new[] { "MULTI", $"SET {status} <msg> EX 6", $"PUBLISH {status} <msg>", "EXEC" }));
        Assert.That(CommandLog.On(commands, metrics)[^4..], Is.EqualTo(new[] { "MULTI", $"SET {metrics} <msg> EX 30", $"PUBLISH {metrics} <msg>", "EXEC" }));
    }

    [Test]
    public async Task Given_the_recorded_inputs_a_heartbeat_is_the_recorded_payload_byte_for_byte() // 01 seq 285, DeviceServer RUNNING
    {
        var recorded = Recording.Payloads.Single(p => p.Session == "01-startup" && p.Seq == 285);
        var info = BecCodec.DecodeMessage<StatusMessage>(recorded.Bytes).Info;
        var start = DateTimeOffset.UnixEpoch.AddTicks(17961621007346141); // info.timestamp 1796162100.7346141
        using var clock = new SimulationClock(paused: true, start: start);
        var (db, bec) = await ConnectAsync(clock);
        await using var _ = db;
        var options = new ServiceHeartbeatOptions
        {
            Time = clock, PublishMetrics = false, User = info.User, Hostname = info.Hostname,
            Versions = () => new ServiceVersions { BecLib = "3.165.1", BecServer = "3.165.1", BecIpythonClient = "3.165.1", BecWidgets = "Not found", OphydDevices = "1.16.1" },
        };
        // Each test database has its own keys, so the real service name can be used.
        await using var heartbeat = new ServiceHeartbeat(bec, "DeviceServer", options);
        await heartbeat.SetStatusAsync(BecStatus.Running);
        var stored = (byte[])(await db.Database.StringGetAsync(recorded.Key))!;
        Assert.That(stored, Is.EqualTo(recorded.Bytes));
    }

    [Test]
    public async Task The_metrics_message_has_the_recorded_shape() // 01 seq 73, ScanBundler's metrics
    {
        var recorded = BecCodec.DecodeMessage<ServiceMetricMessage>(Recording.Payloads.Single(p => p.Session == "01-startup" && p.Seq == 73).Bytes);
        using var clock = new SimulationClock(paused: true);
        var (db, bec) = await ConnectAsync(clock);
        await using var _ = db;
        var heartbeat = new ServiceHeartbeat(bec, "ScanBundler", new ServiceHeartbeatOptions { Time = clock });
        var ours = heartbeat.CreateMetricMessage();
        Assert.That(Shape(ours), Is.EqualTo(Shape(recorded)));
        Assert.That(ours.Metrics["pid"].AsInt64(), Is.EqualTo(Environment.ProcessId));
        Assert.That(ours.Metrics["cpu_percent"].AsDouble(), Is.Zero, "psutil's first sample is 0.0");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(heartbeat.CreateMetricMessage().Metrics["cpu_percent"].AsDouble(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task Metrics_follow_every_second_of_the_clock_and_stop_when_disposed()
    {
        using var clock = new SimulationClock(paused: true);
        var (db, bec) = await ConnectAsync(clock);
        await using var _ = db;
        var name = Unique("SciHub");
        var (subscription, metrics) = await ListenAsync(bec, MessageEndpoints.Metrics(name));
        await using var __ = subscription;
        var heartbeat = new ServiceHeartbeat(bec, name, new ServiceHeartbeatOptions { Time = clock });
        heartbeat.Start();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await metrics.ReadAsync().AsTask().WaitAsync(Wait)).Name, Is.EqualTo(name));
        var ttl = await db.Database.KeyTimeToLiveAsync(MessageEndpoints.Metrics(name).Endpoint);
        Assert.That(ttl!.Value.TotalSeconds, Is.GreaterThan(29).And.LessThanOrEqualTo(30));
        await heartbeat.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.That(metrics.TryRead(out var late), Is.False, $"no metrics after dispose, got one from {late?.Name}");
        Assert.That(await db.Database.KeyExistsAsync(MessageEndpoints.ServiceStatus(name).Endpoint), Is.False, "never beat: it was never set RUNNING and no interval passed before dispose");
    }

    [Test]
    public async Task Services_are_listed_and_waited_for_as_BEC_clients_do()
    {
        using var clock = new SimulationClock(rate: 100);
        var (db, bec) = await ConnectAsync(clock);
        await using var _ = db;
        await using var device = new ServiceHeartbeat(bec, "DeviceServer", new ServiceHeartbeatOptions { Time = clock, PublishMetrics = false });
        await using var scan = new ServiceHeartbeat(bec, "ScanServer", new ServiceHeartbeatOptions { Time = clock, PublishMetrics = false });
        await device.SetStatusAsync(BecStatus.Running);
        await scan.SetStatusAsync(BecStatus.Busy);
        var all = await ServiceDirectory.GetAllAsync(bec);
        Assert.That(all.Select(s => (s.Name, s.Status)), Is.EquivalentTo(new[] { ("DeviceServer", BecStatus.Running), ("ScanServer", BecStatus.Busy) }));
        await ServiceDirectory.WaitForServiceAsync(bec, "DeviceServer", BecStatus.Running, TimeSpan.FromSeconds(5)).WaitAsync(Wait);
        // 5 virtual seconds at rate 100: the refusal comes after ~50 ms of real time.
        Assert.That(async () => await ServiceDirectory.WaitForServiceAsync(bec, "ScanBundler", BecStatus.Running, TimeSpan.FromSeconds(5)).WaitAsync(Wait),
            Throws.TypeOf<TimeoutException>().With.Message.EqualTo("service ScanBundler did not report Running within 5 s (last: no heartbeat); is it running against this Redis?"));
    }

    /// <summary>Field names and value kinds, recursively: what must equal the recording when the values (times, pids) differ.</summary>
    private static string Shape(BecValue value) => value switch
    {
        BecStruct s => $"{s.EncoderName}:{s.TypeName}{Shape(s.Fields)}",
        BecMap m => "{" + string.Join(", ", m.Entries.Select(e => $"{e.Key.Describe()}: {Shape(e.Value)}")) + "}",
        BecList => "list",
        _ => value.Kind,
    };
}
