using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Drivers.Registry;
using Testbed.Scans.Client;
using Testbed.Scans.DeviceServer;
using Testbed.Scans.ScanServer.Instructions;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>Redis killed and started again (append-only file, same port) while the scan server waits for an instruction: the
/// instruction completes, and its move runs exactly once — whether it was lost on its way or its acknowledgement was.</summary>
public class RedisRestartTests
{
    private const string Beamline = """
        - class: elmo
          name: tx_ctrl
          udp: {url: "127.0.0.1:5001"}
          axes: [{name: tx, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50}]
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task A_move_pending_across_a_Redis_restart_completes_once_and_an_instruction_lost_in_the_outage_is_carried_out_once()
    {
        using var redis = RedisProcess.TryStart(persistence: true);
        if (redis is null) Assert.Ignore("redis-server is not installed; install the Debian package 'redis-server' to run this test");
        var url = $"redis://{redis!.Endpoint}/0";
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new TestLogProvider()).SetMinimumLevel(LogLevel.Information));
        var axis = new GatedAxis("tx");
        var server = new DeviceServerService(new DeviceServerOptions
        {
            RedisUrl = url, Beamline = BeamlineConfig.Parse(Beamline, "/beamlines/restart.yaml"), Drivers = DriverSet.Of(axis), LoggerFactory = loggers,
        });
        await server.StartAsync(CancellationToken.None);
        try
        {
            await server.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            await using var bec = await BecConnector.ConnectAsync(url);
            // Short timeouts: without the re-send the waits below fail in seconds, not in the production 10 min.
            await using var channel = await InstructionChannel.OpenAsync(bec, TimeProvider.System, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20),
                loggers.CreateLogger("ScanServer"));

            // 1. A move in progress when Redis dies, ending while Redis is away: its completion cannot reach the scan server then.
            var first = await channel.SendAsync("tx", DeviceInstructionAction.Set, new BecMap { ["value"] = 1.5 }, []);
            await first.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
            redis.Freeze();
            await Task.Delay(300);
            redis.Kill();
            axis.Open();
            await Task.Delay(500);
            redis.Start();
            var done = await channel.WaitAsync(first, CancellationToken.None).WaitAsync(Deadline);
            Assert.That(done.Status, Is.EqualTo(InstructionStatus.Completed));

            // 2. An instruction published to a hung server that then dies: the device server never got it.
            axis.OpenForGood();
            redis.Freeze();
            var sending = channel.SendAsync("tx", DeviceInstructionAction.Set, new BecMap { ["value"] = -2.5 }, []);
            await Task.Delay(300);
            redis.Kill();
            redis.Start();
            var second = await sending.WaitAsync(Deadline);
            var done2 = await channel.WaitAsync(second, CancellationToken.None).WaitAsync(Deadline);
            Assert.That(done2.Status, Is.EqualTo(InstructionStatus.Completed));

            // A repeat carried out again would start a move within the next re-send (one a second).
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.That(axis.Moves, Is.EqualTo(new[] { 1.5, -2.5 }), "each set moved the axis exactly once");
            var readback = await bec.GetAsync(MessageEndpoints.DeviceReadback("tx"));
            Assert.That(readback?.Signals.GetOrNull("tx") is BecMap m ? m.GetOrNull("value")?.AsDouble() : null, Is.EqualTo(-2.5).Within(1e-9));
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
            server.Dispose();
        }
    }

    [Test]
    public async Task A_line_scan_survives_a_Redis_restart_after_5_points_with_every_point_once_its_progress_status_and_master_file()
    {
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml(), rate: 5, durableRedis: true);
        await using var client = await ScanClient.ConnectAsync(h.Redis.BecUrl);
        var updates = new ConcurrentQueue<ScanProgressUpdate>();
        Task? restart = null;
        var progress = new Reported(u =>
        {
            updates.Enqueue(u);
            // As the scenario does: hung for 1 s, then killed and started again on the same port with its data.
            if (u.Done >= 5 && restart is null)
                restart = Task.Run(async () =>
                {
                    h.Redis.Process.Freeze();
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    h.Redis.Process.Kill();
                    h.Redis.Process.Start();
                });
        });
        var result = await client.RunAsync(ScanRequest.Parse("line_scan", ["tx", "-0.5", "0.5", "21", "0.01"]), progress).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.That(restart, Is.Not.Null, "Redis was restarted mid-scan");
        await restart!;
        Assert.That((result.Status, result.Failure), Is.EqualTo(((Bec.Messages.Scans.ScanStatus?)Bec.Messages.Scans.ScanStatus.Closed, (string?)null)), result.ToString());
        Assert.That(result.Succeeded, Is.True, result.ToString());
        Assert.That(updates.Max(u => u.Done), Is.EqualTo(21), "the bundler's progress reached the client after the restart");
        Assert.That(result.MasterFileSuccessful, Is.True, "the master file was written and announced after the restart");
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(result.BlissdataKey!);
        foreach (var (name, stream) in scan.Streams.Where(s => !s.Key.EndsWith(":image", StringComparison.Ordinal)))
            Assert.That(await stream.LengthAsync(), Is.EqualTo(21), $"{name}: every point exactly once");
        var tx = (await scan.Streams["axis:tx"].GetSliceAsync(0)).ToDoubles();
        Assert.That(tx, Is.EqualTo(Enumerable.Range(0, 21).Select(i => -0.5 + i * 0.05)).Within(0.001), "each position once, in order");
    }

    private sealed class Reported(Action<ScanProgressUpdate> report) : IProgress<ScanProgressUpdate>
    {
        public void Report(ScanProgressUpdate value) => report(value);
    }
}
