using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;
using Testbed.Blissdata.Search;

namespace Testbed.Blissdata;

/// <summary>A connection to a blissdata Redis database (protocol 1): creates scans, loads them, searches and deletes them.</summary>
public sealed partial class DataStore : IAsyncDisposable, IDisposable
{
    private DataStore(ConnectionMultiplexer connection, int database, IScanDocuments documents, DataStoreOptions options, string url)
    {
        Connection = connection;
        DatabaseIndex = database;
        Documents = documents;
        Options = options;
        Url = url;
    }

    public ConnectionMultiplexer Connection { get; }

    public int DatabaseIndex { get; }

    public IDatabase Database => Connection.GetDatabase(DatabaseIndex);

    public DataStoreOptions Options { get; }

    public string Url { get; }

    public DocumentBackend Backend => Documents.Kind;

    internal IScanDocuments Documents { get; }

    internal TimeProvider Time => Options.Time;

    internal Publishing.OutageTracker Outage { get; } = new();

    /// <summary>Connects and checks <c>_PROTOCOL_VERSION_</c> = 1, refusing a database that is not initialised or of another version.</summary>
    public static async Task<DataStore> ConnectAsync(string url, DataStoreOptions? options = null)
    {
        var store = await OpenAsync(url, options ?? new DataStoreOptions());
        try
        {
            await store.CheckProtocolAsync();
            store.NoteBackend();
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Initialises an empty database (§2: index, MAXPREFIXEXPANSIONS, <c>mylib</c>, protocol key) and connects to it.</summary>
    public static async Task<DataStore> InitAsync(string url, DataStoreOptions? options = null)
    {
        var store = await OpenAsync(url, options ?? new DataStoreOptions());
        try
        {
            var db = store.Database;
            var size = (long)await db.ExecuteAsync("DBSIZE");
            if (size > 0)
                throw new ProtocolException($"Cannot re-index a non-empty Redis database, {size} keys are already present ({url}); FLUSHDB it first or use another database.");
            await store.Documents.InitAsync(db);
            await db.ExecuteAsync("FUNCTION", "LOAD", "REPLACE", SealFunction.Source);
            await db.StringSetAsync(Protocol.VersionKey, Protocol.Version);
            store.NoteBackend();
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Checks that a Redis answers at <paramref name="url"/> and has the database it names, before anything else starts.</summary>
    /// <exception cref="BlissdataException">It does not; the message says what to do.</exception>
    public static async Task ProbeAsync(string url)
    {
        await using var connection = await ConnectCheckedAsync(url, RedisUrl.Parse(url));
    }

    private static async Task<ConnectionMultiplexer> ConnectCheckedAsync(string url, ConfigurationOptions config)
    {
        ConnectionMultiplexer connection;
        try { connection = await ConnectionMultiplexer.ConnectAsync(config); }
        catch (RedisConnectionException e) { throw new BlissdataException($"cannot connect to Redis at {url}: {e.Message}", e); }
        if (!connection.IsConnected)
        {
            await connection.DisposeAsync();
            throw new BlissdataException($"cannot connect to Redis at {url}: no answer; is redis-server running there?");
        }
        var db = config.DefaultDatabase ?? 0;
        if (connection.GetServers().FirstOrDefault() is { DatabaseCount: > 0 and var count } server && db >= count)
        {
            await connection.DisposeAsync();
            throw new BlissdataException($"Redis at {server.EndPoint} has {count} databases (0–{count - 1}), so there is no database {db} in {url}; " +
                                         $"use one of 0–{count - 1} (or raise 'databases' in that server's redis.conf)");
        }
        return connection;
    }

    private static async Task<DataStore> OpenAsync(string url, DataStoreOptions options)
    {
        var config = RedisUrl.Parse(url);
        var connection = await ConnectCheckedAsync(url, config);
        var db = config.DefaultDatabase ?? 0;
        var backend = options.Backend ?? await DetectBackendAsync(connection.GetDatabase(db));
        IScanDocuments documents = backend == DocumentBackend.RedisStack ? new RedisStackDocuments() : new PlainRedisDocuments();
        return new DataStore(connection, db, documents, options, url);
    }

    private void NoteBackend()
    {
        if (Backend == DocumentBackend.PlainRedis)
            Options.Logger.LogWarning("{Url}: no RedisJSON/RediSearch, scan documents stored as strings. {Note}", Url, Protocol.PythonClientsNeedStack);
    }

    private static async Task<DocumentBackend> DetectBackendAsync(IDatabase db)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var m in (RedisResult[])(await db.ExecuteAsync("MODULE", "LIST"))!)
            {
                var fields = (RedisResult[])m!;
                for (var i = 0; i + 1 < fields.Length; i += 2)
                    if (fields[i].ToString() == "name") names.Add(fields[i + 1].ToString()!);
            }
        }
        catch (RedisServerException) { }
        var json = names.Contains("ReJSON") || names.Contains("redisjson");
        var search = names.Contains("search") || names.Contains("ft") || names.Contains("searchlight");
        return json && search ? DocumentBackend.RedisStack : DocumentBackend.PlainRedis;
    }

    private async Task CheckProtocolAsync()
    {
        var v = await Database.StringGetAsync(Protocol.VersionKey);
        if (v.IsNull)
            throw new ProtocolException($"No blissdata protocol version found on Redis {Url}, make sure it is initialized (DataStore.InitAsync on an empty database).");
        if (!int.TryParse(v.ToString(), out var n) || n != Protocol.Version)
            throw new ProtocolException($"Found blissdata protocol {v} on Redis {Url}, but only version {Protocol.Version} is supported.");
    }

    /// <summary>Creates a scan (state CREATED) in one MULTI/EXEC: document, history entry, first state entry (§5.2).</summary>
    public Task<PublishedScan> CreateScanAsync(ScanIdentity identity, JsonObject? info = null) =>
        PublishedScan.CreateAsync(this, identity, info ?? new JsonObject());

    /// <summary>Loads a scan for reading; <see cref="ScanNotFoundException"/> when it does not exist or was deleted.</summary>
    public Task<Scan> LoadScanAsync(string key) => Scan.LoadAsync(this, key);

    /// <summary>The history timetag and the keys of scans whose identity matches every filter (§9.1).</summary>
    public Task<(string Timetag, IReadOnlyList<string> Keys)> SearchExistingScansAsync(params ScanFilter[] filters) =>
        Documents.SearchAsync(Database, filters);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    public void Dispose() => Connection.Dispose();
}
