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
    public static async Task<ScanStackHarness> StartAsync(RecordedSession? readings = null, Func<ScanServerOptions, ScanServerOptions>? configure = null,
        PrivateRedis? redis = null, ScriptedDeviceServer? devices = null)
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
        var stack = ScanStack.Create(options);
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
