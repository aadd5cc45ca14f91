using StackExchange.Redis;
using Testbed.Blissdata.Documents;

namespace Testbed.Blissdata.Tests.Setup;

public class DataStoreInitTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task Init_writes_protocol_1_and_a_client_accepts_it() // §10.1
    {
        await using var store = await NewStoreAsync();
        Assert.That((string?)await Db.Database.StringGetAsync("_PROTOCOL_VERSION_"), Is.EqualTo("1"));
        await using var other = await OtherClientAsync();
        Assert.That(other.Backend, Is.EqualTo(Backend));
    }

    [Test]
    public async Task A_client_refuses_a_database_without_or_with_another_protocol_version() // §10.1
    {
        await NewDatabaseAsync();
        var missing = Assert.ThrowsAsync<ProtocolException>(() => DataStore.ConnectAsync(Db.Url, Options()));
        Assert.That(missing!.Message, Does.Contain("No blissdata protocol version found").And.Contain("initialized"));
        await Db.Database.StringSetAsync("_PROTOCOL_VERSION_", "2");
        var other = Assert.ThrowsAsync<ProtocolException>(() => DataStore.ConnectAsync(Db.Url, Options()));
        Assert.That(other!.Message, Does.Contain("Found blissdata protocol 2").And.Contain("only version 1 is supported"));
    }

    [Test]
    public async Task Init_refuses_a_non_empty_database_and_writes_nothing() // §10.2
    {
        await NewDatabaseAsync();
        await Db.Database.StringSetAsync("someone", "else");
        var e = Assert.ThrowsAsync<ProtocolException>(() => DataStore.InitAsync(Db.Url, Options()));
        Assert.That(e!.Message, Does.Contain("Cannot re-index a non-empty Redis database, 1 keys are already present"));
        Assert.That((long)await Db.Database.ExecuteAsync("DBSIZE"), Is.EqualTo(1));
        Assert.That((string?)await Db.Database.StringGetAsync("_PROTOCOL_VERSION_"), Is.Null);
    }

    [Test]
    public async Task Init_loads_library_mylib_with_seal_stream() // §10.5
    {
        await using var store = await NewStoreAsync();
        var list = (RedisResult[])(await Db.Database.ExecuteAsync("FUNCTION", "LIST", "LIBRARYNAME", "mylib"))!;
        Assert.That(list, Has.Length.EqualTo(1));
        var text = string.Join(" ", Flatten(list[0]));
        Assert.That(text, Does.Contain("library_name mylib").And.Contain("name seal_stream"));
    }

    [Test]
    public async Task Init_creates_the_search_index_on_json_with_the_id_fields() // §10.3, §10.4, §10.5 (Redis Stack)
    {
        if (Backend != DocumentBackend.RedisStack) Assert.Ignore("the search index exists only on Redis Stack; plain Redis searches client-side");
        await using var store = await NewStoreAsync();
        var info = string.Join(" ", Flatten(await Db.Database.ExecuteAsync("FT.INFO", "esrf:scan:index")));
        Assert.That(info, Does.Contain("JSON").And.Contain("esrf:scan:"));
        foreach (var tag in new[] { "id_name", "id_data_policy", "id_session", "id_proposal", "id_collection", "id_dataset", "id_path" })
            Assert.That(info, Does.Contain($"$.id.{tag[3..]}").And.Contain(tag));
        Assert.That(info, Does.Contain("id_number").And.Contain("NUMERIC"));
        var config = string.Join(" ", Flatten(await Db.Database.ExecuteAsync("FT.CONFIG", "GET", "MAXPREFIXEXPANSIONS")));
        Assert.That(config, Does.Contain("2000"));
        Assert.That((string?)await Db.Database.StringGetAsync("esrf:scan:index:hash"), Is.EqualTo("53f88e5eee38ba1d63a533c6e3e2927beed34a08"));
    }

    [Test]
    public async Task Connect_picks_the_back_end_from_MODULE_LIST()
    {
        await NewStoreAsync();
        await using var auto = await DataStore.ConnectAsync(Db.Url);
        var expected = Db.Server.HasJson && Db.Server.HasSearch ? DocumentBackend.RedisStack : DocumentBackend.PlainRedis;
        Assert.That(auto.Backend, Is.EqualTo(expected));
    }

    [Test]
    public async Task Plain_redis_logs_once_that_python_clients_need_redis_stack()
    {
        if (Backend != DocumentBackend.PlainRedis) Assert.Ignore("the note is for the plain-Redis back end");
        await NewStoreAsync();
        var log = new ListLogger();
        await using var store = await DataStore.ConnectAsync(Db.Url, Options() with { Logger = log });
        await store.CreateScanAsync(Identity());
        Assert.That(log.Messages, Has.Count.EqualTo(1));
        Assert.That(log.Messages[0], Does.Contain("Python blissdata clients need Redis Stack (RedisJSON + RediSearch)"));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }

    internal static IEnumerable<string> Flatten(RedisResult r) =>
        r.Resp2Type == ResultType.Array ? ((RedisResult[])r!).SelectMany(Flatten) : [r.ToString() ?? ""];
}
