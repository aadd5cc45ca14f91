using Testbed.Blissdata;
using Testbed.Dashboard.Hosting;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Support;

/// <summary>A dashboard on a free loopback port over its own blissdata database on a real Redis, with a store to publish scans and a client to read the page.</summary>
public sealed class DashboardHarness : IAsyncDisposable
{
    private readonly RedisTestDatabase _db;

    private DashboardHarness(RedisTestDatabase db, DataStore store, DashboardServer server, TempDirectory dir)
    {
        _db = db;
        Store = store;
        Server = server;
        Dir = dir;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public DataStore Store { get; }

    public DashboardServer Server { get; }

    public TempDirectory Dir { get; }

    public HttpClient Http { get; }

    public string RedisUrl => _db.Url;

    public static async Task<DashboardHarness> StartAsync(Func<DashboardOptions, DashboardOptions>? configure = null)
    {
        var redis = await RedisTestServer.RequireAsync();
        var db = await redis.NewDatabaseAsync();
        var store = await DataStore.InitAsync(db.Url);
        var options = new DashboardOptions { Redis = db.Url, Listen = "127.0.0.1:0" };
        var server = await DashboardServer.StartAsync(configure?.Invoke(options) ?? options);
        return new DashboardHarness(db, store, server, new TempDirectory("dashboard"));
    }

    public Task<LiveScan> StartScanAsync(int npoints, int number = 1, bool withDetector = true) =>
        LiveScan.StartAsync(Store, Dir.Path, npoints, number, withDetector);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        await _db.DisposeAsync();
        Dir.Dispose();
    }
}
