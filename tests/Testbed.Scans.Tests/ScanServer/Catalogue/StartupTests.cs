using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Catalogue;
using Testbed.Scans.Tests.Support;

namespace Testbed.Scans.Tests.ScanServer.Catalogue;

/// <summary>What a BEC client's start() reads, as the recorded services wrote it (fixture 01): the four heartbeats it waits for, the scan
/// catalogue (the recorded entries of the implemented scans), the empty running queue, scan numbers, interlock streams, procedures, endpoints.</summary>
public class StartupTests
{
    private static readonly RecordedSession Startup = RecordedSession.Load("01-startup");

    [Test]
    public async Task The_services_publish_the_start_up_keys_a_client_reads()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var bec = h.Client.Bec;
        foreach (var service in new[] { "ScanServer", "ScanBundler", "SciHub", "FileWriterManager", "DeviceServer" })
        {
            var status = await bec.GetAsync(MessageEndpoints.ServiceStatus(service));
            Assert.That(status?.Status, Is.EqualTo(BecStatus.Running), service);
        }
        var scans = (await bec.GetAsync(MessageEndpoints.AvailableScans()))!.Resource.AsMap();
        Assert.That(scans.Keys, Is.EqualTo(ScanCatalogue.Implemented));
        var recorded = Startup[145].Message as AvailableResourceMessage;
        foreach (var name in ScanCatalogue.Implemented)
            Assert.That(scans[name], Is.EqualTo(recorded!.Resource.AsMap()[name]), $"{name}: the recorded catalogue entry, unchanged");
        var queue = (await bec.GetAsync(MessageEndpoints.ScanQueueStatus()))!.Find("primary")!;
        Assert.That((queue.Status, queue.Info.Count), Is.EqualTo((QueueStatus.Running, 0)));
        Assert.That((await bec.GetAsync(MessageEndpoints.ScanNumber()))!.Value, Is.EqualTo(new BecMap { [""] = 0 }));
        Assert.That((await bec.GetAsync(MessageEndpoints.DatasetNumber()))!.Value, Is.EqualTo(new BecMap { [""] = 0 }));
        Assert.That(await h.Redis.Bec.StringGetAsync("info/procedures/available_procedures"), Is.EqualTo((StackExchange.Redis.RedisValue)Startup[382].Payload!));
        Assert.That(await h.Redis.Bec.StringGetAsync("public/endpoints"), Is.EqualTo((StackExchange.Redis.RedisValue)Startup[449].Payload!));
        foreach (var (stream, seq) in new[] { ("user/actor/builtin/scan_interlock/config/enabled", 429), ("user/actor/builtin/scan_interlock/config/trigger_setting", 436) })
        {
            var entries = await h.Redis.Bec.StreamRangeAsync(stream);
            Assert.That(entries, Has.Length.EqualTo(1), stream);
            Assert.That((byte[])entries[0]["data"]!, Is.EqualTo(Startup[seq].Payload), stream);
        }
    }

    [Test]
    public async Task A_restarted_scan_server_numbers_on_and_does_not_add_interlock_entries()
    {
        var redis = await PrivateRedis.StartAsync();
        var devices = await ScriptedDeviceServer.StartAsync(redis.BecUrl);
        var first = await ScanStackHarness.StartAsync(redis: redis, devices: devices);
        await first.RunAsync("acquire", new BecList(), new BecMap { ["exp_time"] = 0 });
        await first.StopServicesAsync();
        var stack = Testbed.Scans.Bus.ScanStack.Create(first.Options);
        await stack.StartAsync();
        await stack.WhenReadyAsync();
        await using var client = await TestClient.ConnectAsync(redis.BecUrl);
        Assert.That((await client.Bec.GetAsync(MessageEndpoints.ScanNumber()))!.Value, Is.EqualTo(new BecMap { [""] = 1 }));
        Assert.That(await redis.Bec.StreamLengthAsync("user/actor/builtin/scan_interlock/config/enabled"), Is.EqualTo(1));
        await stack.StopAsync();
        foreach (var s in stack.Services) s.Dispose();
        await first.DisposeAsync();
    }

    [Test]
    public void The_catalogue_gives_the_signatures_the_guard_checks()
    {
        var catalogue = ScanCatalogue.Load();
        Assert.That(catalogue.TryGet("line_scan", out var line), Is.True);
        Assert.That((line.BundleSize, line.MinBundles), Is.EqualTo((3, (int?)1)));
        Assert.That(line.Find("steps") is { Required: true, Type: "int", Gt: 0 }, Is.True);
        Assert.That(line.Find("exp_time") is { Required: false, Type: "float", Ge: 0, Units: "s" }, Is.True);
        Assert.That(catalogue.TryGet("grid_scan", out var grid) && grid.Find("snaked")!.Default is BecBool { Value: true }, Is.True);
        Assert.That(catalogue.TryGet("umv", out var umv) && !umv.IsScan, Is.True);
        Assert.That(catalogue.TryGet("fermat_scan", out _), Is.False, "not implemented, not offered");
        Assert.That(BecCodec.Encode(catalogue.Message), Is.Not.Empty);
    }
}
