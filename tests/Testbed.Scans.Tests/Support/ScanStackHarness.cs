using Microsoft.Extensions.Logging;
using Testbed.Scans.Bus;
using Testbed.Scans.ScanServer;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.Support;

/// <summary>A whole scan stack under test on a private redis-server: the scripted device server (the layer below), the scan server,
/// bundler, SciHub and file writer, and a client.</summary>
public sealed class ScanStackHarness : IAsyncDisposable
{
    private ScanStackHarness(PrivateRedis redis, TempDirectory data, ScriptedDeviceServer devices, ScanStack stack, TestClient client, ScanServerOptions options)
    {
        Redis = redis;
        Data = data;
        Devices = devices;
        Stack = stack;
        Client = client;
        Options = options;
    }

    public PrivateRedis Redis { get; }

    public TempDirectory Data { get; }

    public ScriptedDeviceServer Devices { get; }

    public ScanStack Stack { get; }

    public TestClient Client { get; }

    public ScanServerOptions Options { get; }

    /// <param name="readings">The recorded session whose readings the device server replays (else simulated readings).</param>
    /// <param name="configure">Changes to the scan server's options (timeouts, no blissdata …).</param>
    /// <param name="redis">An existing private Redis (a restart test); else a new one.</param>
    /// <param name="devices">An existing device server; else a new one.</param>
    /// <param name="fileWriter">A file writer to host instead of the stand-in (given the blissdata URL and the common settings).</param>
    public static async Task<ScanStackHarness> StartAsync(RecordedSession? readings = null, Func<ScanServerOptions, ScanServerOptions>? configure = null,
        PrivateRedis? redis = null, ScriptedDeviceServer? devices = null, Func<string, BecServiceOptions, FileWriterHost>? fileWriter = null)
    {
        redis ??= await PrivateRedis.StartAsync();
        var data = new TempDirectory("scans");
        devices ??= await ScriptedDeviceServer.StartAsync(redis.BecUrl, readings);
        var options = new ScanServerOptions
        {
            RedisUrl = redis.BecUrl,
            BlissdataUrl = redis.BlissdataUrl,
            FileBasePath = data.Path,
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(new TestLogProvider()).SetMinimumLevel(LogLevel.Debug)),
        };
        options = configure?.Invoke(options) ?? options;
        var blissdataUrl = options.BlissdataUrl;
        var stack = ScanStack.Create(options, fileWriter is null || blissdataUrl is null ? null : common => fileWriter(blissdataUrl, common));
        await stack.StartAsync();
        try
        {
            await stack.WhenReadyAsync().WaitAsync(Eventually.DefaultDeadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"services not RUNNING within {Eventually.DefaultDeadline.TotalSeconds} s: " +
                        string.Join(", ", stack.Services.Where(s => !s.Ready.IsCompleted).Select(s => s.Name)));
        }
        var client = await TestClient.ConnectAsync(redis.BecUrl);
        return new ScanStackHarness(redis, data, devices, stack, client, options);
    }

    /// <summary>Submits a scan, checks it was accepted, and waits for its end (and, for scans, the master file's last message).</summary>
    public async Task<ScanOutcome> RunAsync(string scanType, Bec.Values.BecValue args, Bec.Values.BecMap kwargs)
    {
        var (rid, response) = await Client.RequestAsync(scanType, args, kwargs);
        Assert.That(response.Accepted, Is.True, $"{scanType} refused: {response.Message}");
        var scanId = await Client.ScanIdAsync(rid);
        var end = await Client.ItemEndAsync(rid);
        var file = await Client.FileDoneAsync(scanId);
        var last = Client.StatusesOf(scanId)[^1];
        return new ScanOutcome(rid, scanId, end, last, Testbed.Scans.ScanServer.Blissdata.BlissdataContract.Of(last), file);
    }

    /// <summary>A blissdata store on the stack's blissdata database.</summary>
    public Task<Testbed.Blissdata.DataStore> BlissdataAsync() => Testbed.Blissdata.DataStore.ConnectAsync(Redis.BlissdataUrl);

    /// <summary>Stops the services only (Redis and the device server stay), as a scan server restart.</summary>
    public Task StopServicesAsync() => Stack.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Stack.StopAsync();
        foreach (var s in Stack.Services) s.Dispose();
        await Devices.DisposeAsync();
        await Redis.DisposeAsync();
        Data.Dispose();
    }
}

/// <summary>How a scan ended: its queue item's final status, its last scan status, its blissdata contract and master file message.</summary>
public sealed record ScanOutcome(string Rid, string ScanId, string ItemStatus, Testbed.Bec.Messages.Scans.ScanStatusMessage Status,
    Testbed.Scans.ScanServer.Blissdata.BlissdataContract? Blissdata, Testbed.Bec.Messages.Scans.FileMessage File);

/// <summary>Service log lines into the test's output (visible when a test fails).</summary>
public sealed class TestLogProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Line();

    public void Dispose()
    {
    }

    private sealed class Line : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            TestContext.Progress.WriteLine($"[{logLevel}] {formatter(state, exception)}");
    }
}
