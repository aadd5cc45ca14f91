using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.Client;
using Testbed.Scans.Tests.Support;

namespace Testbed.Scans.Tests.Client;

/// <summary>The client the command line uses, against the scan stack over a real redis-server: submit, follow, abort.</summary>
public class ScanClientTests
{
    [Test]
    public async Task A_line_scan_is_followed_to_its_closed_status_blissdata_key_and_master_file_with_progress()
    {
        await using var h = await ScanStackHarness.StartAsync();
        await using var client = await ScanClient.ConnectAsync(h.Redis.BecUrl);
        var updates = new List<ScanProgressUpdate>();
        var result = await client.RunAsync(ScanRequest.Parse("line_scan", ["samx", "-1", "1", "5", "0"]), new SyncProgress(updates.Add));
        Assert.That(result.Succeeded, Is.True, result.ToString());
        Assert.That(result.Status, Is.EqualTo(ScanStatus.Closed));
        Assert.That(result.ScanNumber, Is.Not.Null);
        Assert.That(result.MasterFile, Does.Contain("_master").And.StartWith(h.Data.Path));
        Assert.That(File.Exists(result.MasterFile), Is.True);
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(result.BlissdataKey!);
        Assert.That(await scan.Streams["axis:samx"].LengthAsync(), Is.EqualTo(5));
        Assert.That(updates.Select(u => u.Done), Is.Ordered.And.Not.Empty, "progress points, in order");
        Assert.That(updates[^1].Total, Is.EqualTo(5));
    }

    [Test]
    public async Task A_refused_request_throws_the_scan_servers_message()
    {
        await using var h = await ScanStackHarness.StartAsync();
        await using var client = await ScanClient.ConnectAsync(h.Redis.BecUrl);
        var e = Assert.ThrowsAsync<ScanRefusedException>(() => client.RunAsync(ScanRequest.Parse("line_scan", ["samx", "-1", "600", "5", "0"])));
        Assert.That(e!.Message, Does.Contain("outside the soft limits").And.Contain("nothing moved"));
    }

    [Test]
    public async Task Cancelling_aborts_the_scan_and_waits_for_its_end()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var atPoint2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Devices.Hold = async ins =>
        {
            if (ins.Action == DeviceInstructionAction.Read && ins.Metadata.GetOrNull(MetadataKeys.PointId) is BecInt { Value: 2 })
            {
                atPoint2.TrySetResult();
                await Task.Yield();
            }
        };
        await using var client = await ScanClient.ConnectAsync(h.Redis.BecUrl);
        using var cancel = new CancellationTokenSource();
        var running = client.RunAsync(ScanRequest.Parse("line_scan", ["samx", "-1", "1", "200", "0.01"]), null, cancel.Token);
        await atPoint2.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(result.QueueStatus, Is.EqualTo(QueueItemStatus.Stopped));
        Assert.That(result.Status, Is.EqualTo(ScanStatus.Aborted));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(h.Devices.Stops, Is.Not.Empty, "the scan server stopped the devices");
    }

    [Test]
    public async Task No_scan_server_is_refused_at_once_naming_the_redis_and_the_heartbeat_it_lacks()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var client = await ScanClient.ConnectAsync(redis.BecUrl);
        client.AnswerTimeout = TimeSpan.FromMinutes(5);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<ScanStackTimeoutException>(() => client.RunAsync(ScanRequest.Parse("acquire", ["0.1"])));
        Assert.That(started.Elapsed, Is.LessThan(client.ServerWait + TimeSpan.FromSeconds(10)), "refused after the heartbeat wait, not the answer timeout");
        Assert.That(e!.Message, Does.Contain($"no scan server on {redis.BecUrl}").And.Contain("user/services/status/ScanServer"));
    }

    [Test]
    public async Task A_scan_server_that_heartbeats_but_never_answers_is_a_timeout_naming_the_redis()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var client = await ScanClient.ConnectAsync(redis.BecUrl);
        // A heartbeat key with nothing behind it: a scan server that hangs.
        await using (var mux = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Endpoint))
            await mux.GetDatabase().StringSetAsync("user/services/status/ScanServer", "x", TimeSpan.FromMinutes(1));
        client.AnswerTimeout = TimeSpan.FromMilliseconds(300);
        var e = Assert.ThrowsAsync<ScanStackTimeoutException>(() => client.RunAsync(ScanRequest.Parse("acquire", ["0.1"])));
        Assert.That(e!.Message, Does.Contain(redis.BecUrl).And.Contain("is the scan server running?"));
    }

    private sealed class SyncProgress(Action<ScanProgressUpdate> report) : IProgress<ScanProgressUpdate>
    {
        public void Report(ScanProgressUpdate value) => report(value);
    }
}
