using StackExchange.Redis;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.Support;

/// <summary>A redis-server of one's own: BEC's channels have fixed names and pub/sub ignores database numbers, so every scan stack
/// under test gets its own server (BEC on database 0, blissdata on database 1).</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private readonly RedisProcess _process;

    private PrivateRedis(RedisProcess process, ConnectionMultiplexer connection)
    {
        _process = process;
        Connection = connection;
    }

    public string Endpoint => _process.Endpoint;

    public int Port => _process.Port;

    /// <summary>The BEC Redis.</summary>
    public string BecUrl => $"redis://{Endpoint}/0";

    /// <summary>The blissdata database of the same server.</summary>
    public string BlissdataUrl => $"redis://{Endpoint}/1";

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Bec => Connection.GetDatabase(0);

    /// <summary>The redis-server process (to freeze, kill and start it again).</summary>
    public RedisProcess Process => _process;

    /// <summary>Starts one, or skips the test when no redis-server is installed.</summary>
    /// <param name="persistence">Keep the data across a kill and start (append-only file), as a production Redis.</param>
    public static async Task<PrivateRedis> StartAsync(bool persistence = false)
    {
        var process = RedisProcess.TryStart(persistence);
        if (process is null) Assert.Ignore("redis-server is not installed; install the Debian package 'redis-server' to run the scan stack tests");
        var options = ConfigurationOptions.Parse(process!.Endpoint);
        options.AllowAdmin = true;
        options.ClientName = "test";
        return new PrivateRedis(process, await ConnectionMultiplexer.ConnectAsync(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _process.Dispose();
    }
}
