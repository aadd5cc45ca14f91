using Testbed.Blissdata.Documents;
using Testbed.TestSupport;
using Testbed.Twin.Clock;

namespace Testbed.Blissdata.Tests;

/// <summary>Base of live tests: run once per document back end; each test gets its own initialised database.</summary>
[TestFixture(DocumentBackend.PlainRedis)]
[TestFixture(DocumentBackend.RedisStack)]
public abstract partial class BackendTest(DocumentBackend backend)
{
    private readonly List<IAsyncDisposable> _cleanup = [];

    protected DocumentBackend Backend { get; } = backend;

    protected RedisTestDatabase Db { get; private set; } = null!;

    protected DataStoreOptions Options(TimeSpan? reconnect = null) => new()
    {
        Backend = Backend,
        PollInterval = TimeSpan.FromMilliseconds(2),
        ReconnectTimeout = reconnect ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>A fresh database of the fixture's Redis (DB 0 for Redis Stack, which only indexes DB 0).</summary>
    protected async Task<RedisTestDatabase> NewDatabaseAsync()
    {
        var server = await RedisTestServer.RequireAsync();
        if (Backend == DocumentBackend.RedisStack) server.RequireStack();
        Db = await server.NewDatabaseAsync(searchable: Backend == DocumentBackend.RedisStack);
        _cleanup.Add(Db);
        return Db;
    }

    /// <summary>A new database, initialised by <see cref="DataStore.InitAsync"/>.</summary>
    protected async Task<DataStore> NewStoreAsync(DataStoreOptions? options = null)
    {
        var db = await NewDatabaseAsync();
        var store = await DataStore.InitAsync(db.Url, options ?? Options());
        _cleanup.Insert(0, store);
        return store;
    }

    /// <summary>A second client on the same database, as another process would be (optionally on its own clock).</summary>
    protected async Task<DataStore> OtherClientAsync(TimeProvider? time = null)
    {
        var store = await DataStore.ConnectAsync(Db.Url, time is null ? Options() : Options() with { Time = time });
        _cleanup.Insert(0, store);
        return store;
    }

    /// <summary>Waits until a blocking read on <paramref name="clock"/> (paused) has polled, found nothing and waits for its next poll.</summary>
    protected static Task PollWaitingAsync(SimulationClock clock, string what) =>
        Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.Count == 1, what);

    /// <summary>Lets a blocking read on <paramref name="clock"/> (paused) make its next poll.</summary>
    protected static void NextPoll(SimulationClock clock) => clock.Advance(clock.PendingDueTimes[0] - clock.Elapsed);

    [TearDown]
    public async Task CleanupAsync()
    {
        foreach (var c in _cleanup) await c.DisposeAsync();
        _cleanup.Clear();
    }

    /// <summary>The stored document as JSON, read with raw commands (JSON.GET or GET).</summary>
    protected async Task<System.Text.Json.Nodes.JsonObject> RawDocumentAsync(string key)
    {
        var raw = Backend == DocumentBackend.RedisStack
            ? (string?)await Db.Database.ExecuteAsync("JSON.GET", key)
            : (string?)await Db.Database.StringGetAsync(key);
        return (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(raw!)!;
    }

    /// <summary>Entries of a stream as (id, field → value).</summary>
    protected async Task<List<(string Id, Dictionary<string, StackExchange.Redis.RedisValue> Fields)>> EntriesAsync(string key) =>
        (await Db.Database.StreamRangeAsync(key, "-", "+"))
        .Select(e => (e.Id.ToString(), e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value))).ToList();

    protected static ScanIdentity Identity(string name = "ascan", long number = 42) =>
        new(name, number, "ESRF") { Session = "id00", Proposal = "ih9999", Collection = "sample1", Dataset = "0001" };
}
