using StackExchange.Redis;
using Testcontainers.Redis;

namespace Testbed.TestSupport;

/// <summary>The real Redis that tests use, chosen once per test process.</summary>
/// <remarks>
/// Order: <c>TESTBED_REDIS_URL</c> if set; else Testcontainers (<c>redis/redis-stack-server</c>) when a Docker
/// engine answers; else a private <c>redis-server</c> child on a free loopback port with persistence off.
/// Each test takes its own database (<see cref="NewDatabaseAsync"/>), so tests run in parallel.
/// </remarks>
public sealed class RedisTestServer
{
    public const string UrlVariable = "TESTBED_REDIS_URL";
    public const string StackImage = "redis/redis-stack-server:7.2.0-v13";

    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static RedisTestServer? _shared;
    private static string? _unavailableReason;

    // RediSearch indexes only database 0, so tests that need search take it one at a time.
    private readonly SemaphoreSlim _db0 = new(1, 1);
    private int _nextDb;

    private RedisTestServer(string kind, string endpoint, ConnectionMultiplexer connection, int databases, IReadOnlySet<string> modules)
    {
        Kind = kind;
        Endpoint = endpoint;
        Connection = connection;
        DatabaseCount = databases;
        Modules = modules;
    }

    /// <summary>"url", "container" or "private".</summary>
    public string Kind { get; }

    /// <summary>host:port, for StackExchange.Redis and for <c>--redis</c> options.</summary>
    public string Endpoint { get; }

    public ConnectionMultiplexer Connection { get; }

    public int DatabaseCount { get; }

    /// <summary>Names from MODULE LIST, lower case (e.g. "redisjson"/"rejson", "search"/"ft").</summary>
    public IReadOnlySet<string> Modules { get; }

    public bool HasJson => Modules.Contains("rejson") || Modules.Contains("redisjson");

    public bool HasSearch => Modules.Contains("search") || Modules.Contains("ft") || Modules.Contains("searchlight");

    /// <summary>The shared server, started on first use; skips the calling test (with the reason) if no Redis can be had.</summary>
    public static async Task<RedisTestServer> RequireAsync()
    {
        await StartGate.WaitAsync();
        try
        {
            if (_shared is null && _unavailableReason is null)
            {
                try { _shared = await StartAsync(); }
                catch (Exception e) when (e is RedisException or InvalidOperationException or IOException or TimeoutException)
                {
                    _unavailableReason = e.Message;
                }
            }
        }
        finally { StartGate.Release(); }
        if (_shared is null) Assert.Ignore(_unavailableReason!);
        return _shared!;
    }

    /// <summary>Skips the calling test unless the server has RedisJSON and RediSearch.</summary>
    public void RequireStack()
    {
        if (!HasJson || !HasSearch)
            Assert.Ignore($"needs Redis Stack (RedisJSON + RediSearch); the {Kind} Redis at {Endpoint} has modules [{string.Join(", ", Modules)}]. " +
                          $"Set {UrlVariable} to a Redis Stack, or run where a Docker engine answers.");
    }

    /// <summary>A fresh, flushed database for one test. With <paramref name="searchable"/>, database 0 (held until disposed).</summary>
    public async Task<RedisTestDatabase> NewDatabaseAsync(bool searchable = false)
    {
        int index;
        SemaphoreSlim? held = null;
        if (searchable || DatabaseCount == 1)
        {
            await _db0.WaitAsync();
            held = _db0;
            index = 0;
        }
        else
        {
            index = 1 + (Interlocked.Increment(ref _nextDb) - 1) % (DatabaseCount - 1);
        }
        var db = Connection.GetDatabase(index);
        await db.ExecuteAsync("FLUSHDB");
        return new RedisTestDatabase(this, index, held);
    }

    private static async Task<RedisTestServer> StartAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(url))
            return await ConnectAsync("url", NormaliseUrl(url));

        if (DockerAnswers())
        {
            try
            {
                var container = new RedisBuilder(StackImage).Build();
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await container.StartAsync(cts.Token);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
                return await ConnectAsync("container", container.GetConnectionString());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                TestContext.Progress.WriteLine($"Testcontainers could not start {StackImage} ({e.Message}); falling back to a private redis-server.");
            }
        }

        var process = RedisProcess.TryStart()
            ?? throw new InvalidOperationException(
                $"no Redis for this test: set {UrlVariable}, run a Docker engine, or install redis-server (apt-get install redis-server; .ci/run does).");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Dispose();
        return await ConnectAsync("private", process.Endpoint);
    }

    private static async Task<RedisTestServer> ConnectAsync(string kind, string endpoint)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 10_000;
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var db = connection.GetDatabase();
        var databases = 16;
        try
        {
            var reply = (RedisResult[])(await db.ExecuteAsync("CONFIG", "GET", "databases"))!;
            if (reply.Length == 2) databases = int.Parse(reply[1].ToString()!);
        }
        catch (RedisServerException) { }
        var modules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var m in (RedisResult[])(await db.ExecuteAsync("MODULE", "LIST"))!)
            {
                var fields = (RedisResult[])m!;
                for (var i = 0; i + 1 < fields.Length; i += 2)
                    if (fields[i].ToString() == "name") modules.Add(fields[i + 1].ToString()!.ToLowerInvariant());
            }
        }
        catch (RedisServerException) { }
        return new RedisTestServer(kind, endpoint, connection, databases, modules);
    }

    private static string NormaliseUrl(string url)
    {
        if (!url.Contains("://")) return url;
        var uri = new Uri(url);
        return $"{uri.Host}:{(uri.Port > 0 ? uri.Port : 6379)}";
    }

    private static bool DockerAnswers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host)) return true;
        if (!File.Exists("/var/run/docker.sock")) return false;
        var docker = ExternalTool.Find("docker");
        if (docker is null) return true;
        try { return ExternalTool.Run(docker, ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(10)).ExitCode == 0; }
        catch (TimeoutException) { return false; }
    }
}

/// <summary>One test's Redis database: its index, a connection string that selects it, and cleanup.</summary>
public sealed class RedisTestDatabase(RedisTestServer server, int index, SemaphoreSlim? held) : IAsyncDisposable
{
    public RedisTestServer Server { get; } = server;

    public int Index { get; } = index;

    public IDatabase Database => Server.Connection.GetDatabase(Index);

    /// <summary>A connection string for this database (host:port,defaultDatabase=N).</summary>
    public string ConnectionString => $"{Server.Endpoint},defaultDatabase={Index}";

    /// <summary>A redis:// URL for this database, as the CLI's <c>--redis</c> takes it.</summary>
    public string Url => $"redis://{Server.Endpoint}/{Index}";

    public async ValueTask DisposeAsync()
    {
        try { await Database.ExecuteAsync("FLUSHDB"); }
        catch (RedisException) { }
        held?.Release();
    }
}
