using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Robustness;

/// <summary>A private redis-server is killed and restarted under a running scan.</summary>
[NonParallelizable]
public class RedisRestartTests
{
    private static RedisProcess StartRedis()
    {
        var redis = RedisProcess.TryStart(persistence: true);
        if (redis is null) Assert.Ignore("redis-server is not installed (apt-get install redis-server; .ci/run does)");
        return redis!;
    }

    private static DataStoreOptions Options(TimeSpan reconnect) => new()
    {
        Backend = DocumentBackend.PlainRedis,
        ReconnectTimeout = reconnect,
        PollInterval = TimeSpan.FromMilliseconds(2),
        Batching = new BatchingPolicy { MaxPoints = 7, MaxLatency = TimeSpan.FromMilliseconds(5) },
    };

    [Test]
    public async Task Killed_and_restarted_mid_stream_every_point_is_there_exactly_once()
    {
        using var redis = StartRedis();
        await using var store = await DataStore.InitAsync(redis.Endpoint, Options(TimeSpan.FromSeconds(30)));
        var scan = await store.CreateScanAsync(new ScanIdentity("timescan", 1, "no_policy"));
        var counter = scan.CreateStream(StreamDefinition.Scalar("timer:count", DType.Int64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        const int total = 3000;
        var restart = Task.Run(async () =>
        {
            await Eventually.UntilAsync(() => counter.Count >= total / 2, "half of the points sent", TimeSpan.FromSeconds(30));
            redis.Kill();
            // The outage itself: Redis stays down for a while (part of the scenario; the assertions hold for any length).
            await Task.Delay(300);
            redis.Start();
        });
        for (long i = 0; i < total; i++)
        {
            await counter.SendAsync(i);
            // The producer yields now and then so the outage falls mid-stream (pacing only, not a condition of the test).
            if (i % 50 == 0) await Task.Delay(1);
        }
        await restart.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(counter.ResentEntries, Is.GreaterThan(0), "the outage should have hit entries in flight");
        TestContext.Out.WriteLine($"resent entries: {counter.ResentEntries}");
        await scan.StopAsync();
        await scan.CloseAsync();

        await using var reader = await DataStore.ConnectAsync(redis.Endpoint, Options(TimeSpan.FromSeconds(5)));
        var loaded = await reader.LoadScanAsync(scan.Key);
        Assert.That(loaded.State, Is.EqualTo(ScanState.Closed));
        Assert.That((string?)loaded.Info["end_reason"], Is.EqualTo("SUCCESS"));
        var s = loaded.Streams["timer:count"];
        Assert.That(await s.LengthAsync(), Is.EqualTo(total));
        var values = (await s.GetSliceAsync(0)).ToArray<long>();
        Assert.That(values, Is.EqualTo(Enumerable.Range(0, total).Select(i => (long)i).ToArray()));
        // Contiguous entry ids: no entry twice, none missing.
        var entries = await reader.Database.StreamRangeAsync(s.Key, "-", "+");
        long next = 0;
        foreach (var e in entries.SkipLast(1))
        {
            Assert.That(e.Id.ToString(), Is.EqualTo($"{next}-1"));
            next += e["len"].IsNull ? 1 : (long)e["len"];
        }
        Assert.That(next, Is.EqualTo(total));
    }

    [Test]
    public async Task A_point_sent_after_Redis_came_back_waits_for_the_one_whose_write_the_outage_broke()
    {
        using var redis = StartRedis();
        await using var store = await DataStore.InitAsync(redis.Endpoint, Options(TimeSpan.FromSeconds(30)) with { Batching = BatchingPolicy.Unbatched });
        var scan = await store.CreateScanAsync(new ScanIdentity("timescan", 4, "no_policy"));
        var counter = scan.CreateStream(StreamDefinition.Scalar("timer:count", DType.Int64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        await counter.SendAsync(0L);
        await counter.FlushAsync();
        // Point 1 goes out to a hung server and waits; the crash then fails it, but nothing looks before point 2 is sent.
        redis.Freeze();
        await counter.SendAsync(1L);
        redis.Kill();
        redis.Start();
        await Eventually.UntilAsync(() => store.Database.Multiplexer.IsConnected, "the client reconnected", TimeSpan.FromSeconds(20));
        await counter.SendAsync(2L);
        await counter.FlushAsync();
        await scan.StopAsync();
        await scan.CloseAsync();
        var values = (await store.LoadScanAsync(scan.Key)).Streams["timer:count"];
        Assert.That((await values.GetSliceAsync(0)).ToArray<long>(), Is.EqualTo(new long[] { 0, 1, 2 }), "in order, none lost");
    }

    [Test]
    public async Task An_outage_is_told_once_when_it_starts_and_once_when_it_ends_however_many_streams_wait()
    {
        using var redis = StartRedis();
        var notices = new System.Collections.Concurrent.ConcurrentQueue<RedisOutageNotice>();
        await using var store = await DataStore.InitAsync(redis.Endpoint, Options(TimeSpan.FromSeconds(30)) with { OnOutage = notices.Enqueue });
        var scan = await store.CreateScanAsync(new ScanIdentity("timescan", 3, "no_policy"));
        var streams = Enumerable.Range(0, 4).Select(k => scan.CreateStream(StreamDefinition.Scalar($"c:{k}", DType.Int64))).ToList();
        await scan.PrepareAsync();
        await scan.StartAsync();
        for (long i = 0; i < 400; i++)
        {
            if (i == 100) { redis.Kill(); _ = Task.Run(async () => { await Task.Delay(500); redis.Start(); }); }
            foreach (var s in streams) await s.SendAsync(i);
        }
        await scan.StopAsync();
        await scan.CloseAsync();
        Assert.That(notices.Select(n => n.Kind), Is.EqualTo(new[] { RedisOutageKind.Lost, RedisOutageKind.Back }), string.Join("\n", notices));
        var lost = notices.First();
        Assert.That(lost.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(lost.Cause.Length, Is.LessThanOrEqualTo(161), "the cause in a few words, not the client's connection dump");
        Assert.That(notices.Last().Elapsed, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task Redis_away_beyond_the_timeout_fails_the_scan_and_closes_it_with_FAILURE_when_back()
    {
        using var redis = StartRedis();
        await using var store = await DataStore.InitAsync(redis.Endpoint, Options(TimeSpan.FromMilliseconds(300)));
        var scan = await store.CreateScanAsync(new ScanIdentity("timescan", 2, "no_policy"));
        var counter = scan.CreateStream(StreamDefinition.Scalar("timer:count", DType.Int64));
        await scan.PrepareAsync();
        await scan.StartAsync();
        await counter.SendAsync(1L);
        await counter.FlushAsync();
        redis.Kill();
        await counter.SendAsync(2L);
        var e = Assert.ThrowsAsync<ScanFailedException>(counter.FlushAsync);
        Assert.That(e!.Message, Does.Contain("unreachable").And.Contain("end_reason FAILURE"));
        Assert.ThrowsAsync<ScanFailedException>(async () => await counter.SendAsync(3L));
        Assert.ThrowsAsync<ScanFailedException>(scan.StopAsync);
        redis.Start();
        await scan.FailureClosed!.WaitAsync(TimeSpan.FromSeconds(20));
        await using var reader = await DataStore.ConnectAsync(redis.Endpoint, Options(TimeSpan.FromSeconds(5)));
        var loaded = await reader.LoadScanAsync(scan.Key);
        Assert.That(loaded.State, Is.EqualTo(ScanState.Closed));
        Assert.That((string?)loaded.Info["end_reason"], Is.EqualTo("FAILURE"));
        Assert.That(await loaded.Streams["timer:count"].IsSealedAsync(), Is.True);
    }
}
