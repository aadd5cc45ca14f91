using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using F = Testbed.Blissdata.Search.ScanFilter;

namespace Testbed.Blissdata.Tests.Search;

public class ScanSearchTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task Delete_refuses_an_open_scan_unless_forced_then_closes_it_with_DELETION() // §10.44, §10.45
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        var w = scan.CreateStream(StreamDefinition.Scalar("s", DType.Float64));
        await scan.PrepareAsync();
        await w.SendAsync(1.0);
        await w.FlushAsync();
        Assert.ThrowsAsync<UnauthorizeStateTransitionException>(() => store.DeleteScanAsync(scan.Key));
        await store.DeleteScanAsync(scan.Key, force: true);
        var doc = await RawDocumentAsync(scan.Key);
        Assert.That((string?)doc["info"]!["end_reason"], Is.EqualTo("DELETION"));
        Assert.That((string?)(await EntriesAsync(scan.StateKey))[^1].Fields["state"], Is.EqualTo("4"));
        foreach (var key in new[] { scan.Key, scan.StateKey, w.Key })
            Assert.That((long)await Db.Database.ExecuteAsync("TTL", key), Is.InRange(1, 10), key);
        Assert.ThrowsAsync<ScanNotFoundException>(() => store.LoadScanAsync(scan.Key));
    }

    [Test]
    public async Task A_closed_scan_with_a_long_TTL_still_exists() // §10.58
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        await scan.CloseAsync();
        await Db.Database.KeyExpireAsync(scan.Key, TimeSpan.FromDays(7));
        Assert.That((await store.LoadScanAsync(scan.Key)).State, Is.EqualTo(ScanState.Closed));
        Assert.That((await store.GetLastScanAsync()).Key, Is.EqualTo(scan.Key));
        Assert.ThrowsAsync<ScanNotFoundException>(() => store.LoadScanAsync("esrf:scan:01J9ZQ6V8M4T2N7K3B5C1D9E0F"));
        Assert.ThrowsAsync<ScanNotFoundException>(() => store.LoadScanAsync("not-a-scan"));
    }

    [Test]
    public async Task Search_on_an_empty_database() // §10.46
    {
        await using var store = await NewStoreAsync();
        Assert.That(await store.SearchExistingScansAsync(), Is.EqualTo(("0-0", (IReadOnlyList<string>)[])).Using(new TimetagKeysComparer()));
        var (t, keys) = await store.SearchExistingScansAsync(F.Name("abc*"));
        Assert.That((t, keys.Count), Is.EqualTo(("0-0", 0)));
    }

    [Test]
    public async Task Timetag_follows_the_history_and_all_keys_are_found() // §10.47
    {
        await using var store = await NewStoreAsync();
        var first = await store.CreateScanAsync(Identity());
        var (t1, k1) = await store.SearchExistingScansAsync();
        Assert.That(t1, Does.Match(@"^[1-9]\d*-0$"));
        Assert.That(k1, Is.EqualTo(new[] { first.Key }));
        // Timetags are stream ids from Redis's own clock: the next scans must come in a later millisecond of it.
        var t1ms = ulong.Parse(t1.Split('-')[0]);
        await Eventually.QueryAsync(RedisMillisecondsAsync, ms => ms > t1ms, "Redis's clock past the first scan's millisecond");
        for (var i = 0; i < 3; i++) await store.CreateScanAsync(Identity());
        var (t2, k2) = await store.SearchExistingScansAsync();
        Assert.That(ulong.Parse(t2.Split('-')[0]), Is.GreaterThan(ulong.Parse(t1.Split('-')[0])));
        Assert.That(k2, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Identity_filters_with_wildcards() // §10.48
    {
        await using var store = await NewStoreAsync();
        for (var i = 0; i < 20; i++)
            await store.CreateScanAsync(new ScanIdentity("scan", i, "ESRF") { Dataset = $"dataset{i}", Session = $"session{i % 2}" });
        async Task<int> Count(params F[] f) => (await store.SearchExistingScansAsync(f)).Keys.Count;
        Assert.That(await Count(F.Dataset("dataset")), Is.EqualTo(0));
        Assert.That(await Count(F.Dataset("dataset1")), Is.EqualTo(1));
        Assert.That(await Count(F.Dataset("dataset1*")), Is.EqualTo(11));
        Assert.That(await Count(F.Number(0), F.Session("session0")), Is.EqualTo(1));
        Assert.That(await Count(F.Number(1), F.Session("session0")), Is.EqualTo(0));
        Assert.That(await Count(F.Dataset("dataset1*"), F.Session("session0")), Is.EqualTo(5));
        Assert.That(await Count(F.Dataset("dataset*"), F.Session("session*")), Is.EqualTo(20));
    }

    [Test]
    public async Task Get_next_scan_without_blocking_or_with_a_timeout_raises_NoScanAvailable() // §10.49
    {
        using var clock = new SimulationClock(paused: true);
        await using var store = await NewStoreAsync(Options() with { Time = clock, PollInterval = TimeSpan.FromMilliseconds(25) });
        await store.CreateScanAsync(Identity());
        Assert.ThrowsAsync<NoScanAvailableException>(() => store.GetNextScanAsync(timeout: TimeSpan.Zero).WaitAsync(Eventually.DefaultDeadline));
        var timeout = TimeSpan.FromMilliseconds(100);
        var waiting = store.GetNextScanAsync(timeout: timeout);
        while (clock.Elapsed < timeout)
        {
            await PollWaitingAsync(clock, $"get_next_scan polling at {clock.Elapsed.TotalMilliseconds} ms");
            Assert.That(waiting.IsCompleted, Is.False, $"still waiting at {clock.Elapsed.TotalMilliseconds} ms of {timeout.TotalMilliseconds}");
            NextPoll(clock);
        }
        Assert.ThrowsAsync<NoScanAvailableException>(() => waiting.WaitAsync(Eventually.DefaultDeadline), "given up at the timeout");
        Assert.That(clock.Elapsed, Is.EqualTo(timeout), "polls every 25 ms up to the timeout");
    }

    [Test]
    public async Task Get_next_scan_iterates_in_creation_order_skipping_deleted_ones() // §10.50
    {
        await using var store = await NewStoreAsync();
        var a = await store.CreateScanAsync(Identity());
        var b = await store.CreateScanAsync(Identity());
        await b.CloseAsync();
        var c = await store.CreateScanAsync(Identity());
        await store.DeleteScanAsync(b.Key);
        var (t1, k1) = await store.GetNextScanAsync("0-0", TimeSpan.Zero);
        var (t2, k2) = await store.GetNextScanAsync(t1, TimeSpan.Zero);
        Assert.That((k1, k2), Is.EqualTo((a.Key, c.Key)));
        Assert.ThrowsAsync<NoScanAvailableException>(() => store.GetNextScanAsync(t2, TimeSpan.Zero));
        await a.CloseAsync();
        await c.CloseAsync();
        await store.DeleteScanAsync(a.Key);
        await store.DeleteScanAsync(c.Key);
        Assert.ThrowsAsync<NoScanAvailableException>(() => store.GetNextScanAsync("0-0", TimeSpan.Zero));
    }

    [Test]
    public async Task Get_last_scan_skips_deleted_scans() // §10.51
    {
        await using var store = await NewStoreAsync();
        Assert.ThrowsAsync<NoScanAvailableException>(store.GetLastScanAsync);
        Assert.That(await store.GetLastScanTimetagAsync(), Is.EqualTo("0-0"));
        var a = await store.CreateScanAsync(Identity());
        var b = await store.CreateScanAsync(Identity());
        await b.CloseAsync();
        Assert.That((await store.GetLastScanAsync()).Key, Is.EqualTo(b.Key));
        await store.DeleteScanAsync(b.Key);
        Assert.That((await store.GetLastScanAsync()).Key, Is.EqualTo(a.Key));
        await store.DeleteScanAsync(a.Key, force: true);
        Assert.ThrowsAsync<NoScanAvailableException>(store.GetLastScanAsync);
    }

    [Test]
    public async Task A_blocking_get_next_scan_is_released_by_a_new_scan() // §10.52
    {
        await using var store = await NewStoreAsync();
        using var clock = new SimulationClock(paused: true);
        await using var other = await OtherClientAsync(clock);
        var waiting = other.GetNextScanAsync();
        await PollWaitingAsync(clock, "get_next_scan polling while there is no new scan");
        Assert.That(waiting.IsCompleted, Is.False);
        var scan = await store.CreateScanAsync(Identity());
        NextPoll(clock);
        var (t, key) = await waiting.WaitAsync(Eventually.DefaultDeadline);
        Assert.That((t, key), Is.EqualTo((scan.Timetag, scan.Key)));
    }

    private sealed class TimetagKeysComparer : IEqualityComparer<(string, IReadOnlyList<string>)>
    {
        public bool Equals((string, IReadOnlyList<string>) x, (string, IReadOnlyList<string>) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((string, IReadOnlyList<string>) obj) => obj.Item1.GetHashCode();
    }

    private async Task<ulong> RedisMillisecondsAsync()
    {
        var time = (StackExchange.Redis.RedisResult[])(await Db.Database.ExecuteAsync("TIME"))!;
        return ulong.Parse((string)time[0]!) * 1000 + ulong.Parse((string)time[1]!) / 1000;
    }
}
