using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.Bus;
using Testbed.Scans.ScanServer;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.TestSupport;
using System.Collections.Concurrent;

namespace Testbed.Scans.Tests.Support;

/// <summary>The whole stack over real wires: a beamline's twin in this process (free ports, its own clock), the scan stack with our
/// device server driving it (ScanStack given the beamline file) on a private redis-server, and a client.</summary>
public sealed class TwinStack : IAsyncDisposable
{
    private readonly List<BecSubscription> _subscriptions = [];

    private TwinStack(PrivateRedis redis, TempDirectory dir, SimulationClock clock, ServedBeamline twin, ScanStack stack, TestClient client, ScanServerOptions options)
    {
        Redis = redis;
        Dir = dir;
        Clock = clock;
        Twin = twin;
        Stack = stack;
        Client = client;
        Options = options;
    }

    public PrivateRedis Redis { get; }

    public TempDirectory Dir { get; }

    public SimulationClock Clock { get; }

    public ServedBeamline Twin { get; }

    public ScanStack Stack { get; }

    public TestClient Client { get; }

    public ScanServerOptions Options { get; }

    /// <summary>Every acknowledgement the device server sent, in order.</summary>
    public ConcurrentQueue<DeviceInstructionResponse> Responses { get; } = new();

    /// <summary>The demo beamline (scenarios/beamlines/demo.yaml): world with a peak along tx at 0.3, three Elmo axes, two Keithleys
    /// (a pty and RFC 2217), a 512×512 detector.</summary>
    public static string DemoYaml()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Testbed.sln"))) dir = dir.Parent;
        if (dir is null) Assert.Ignore("the repository (Testbed.sln) is not above the test directory; run the tests from a checkout");
        return File.ReadAllText(Path.Combine(dir!.FullName, "scenarios", "beamlines", "demo.yaml"));
    }

    /// <summary>Starts the twin of <paramref name="yaml"/> (written into a temp folder: data roots and pty links stay in it) at
    /// <paramref name="rate"/>, then the stack; scan files go into the first detector's data root, so frames fit the lima template.</summary>
    /// <param name="driverFile">Rewrites the resolved beamline file the device server gets (e.g. one url pointing where nothing answers).</param>
    /// <param name="durableRedis">Redis with an append-only file, so a test can kill and start it again with its data.</param>
    public static async Task<TwinStack> StartAsync(string yaml, double rate = 4, Func<ScanServerOptions, ScanServerOptions>? configure = null,
        Func<string, string>? driverFile = null, bool durableRedis = false)
    {
        var redis = await PrivateRedis.StartAsync(durableRedis);
        var dir = new TempDirectory("devserver");
        var path = dir.File("beamline.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var clock = new SimulationClock(rate);
        var loggers = LoggerFactory.Create(b => b.AddProvider(new TestLogProvider()).SetMinimumLevel(LogLevel.Information));
        var twin = await ServedBeamline.StartAsync(BeamlineConfig.Load(path), PortPolicy.Free, new TwinContext(clock, loggers, dir.Path), null, CancellationToken.None);
        var dataRoot = twin.Resolved.OfClass("simplon_detector").Select(c => Path.GetFullPath(Path.Combine(dir.Path, c.Node.String("data_root") ?? "data/" + c.Name)))
            .FirstOrDefault() ?? dir.File("data");
        var options = new ScanServerOptions
        {
            RedisUrl = redis.BecUrl,
            BlissdataUrl = redis.BlissdataUrl,
            FileBasePath = dataRoot,
            Time = clock,
            LoggerFactory = loggers,
            Beamline = driverFile is null ? twin.Resolved : BeamlineConfig.Parse(driverFile(twin.ResolvedText), twin.Resolved.Source),
        };
        options = configure?.Invoke(options) ?? options;
        var stack = await ScanStack.StartAsync(options).WaitAsync(TimeSpan.FromSeconds(30));
        var client = await TestClient.ConnectAsync(redis.BecUrl);
        var h = new TwinStack(redis, dir, clock, twin, stack, client, options);
        h._subscriptions.Add(await client.Bec.SubscribeAsync(MessageEndpoints.DeviceInstructionsResponse(), m =>
        {
            h.Responses.Enqueue(m.Message);
            return Task.CompletedTask;
        }));
        return h;
    }

    /// <summary>Submits a scan, checks it was accepted, waits for its end (and its master file's last message).</summary>
    public async Task<ScanOutcome> RunAsync(string scanType, BecValue args, BecMap kwargs, TimeSpan? deadline = null)
    {
        var (rid, response) = await Client.RequestAsync(scanType, args, kwargs);
        Assert.That(response.Accepted, Is.True, $"{scanType} refused: {response.Message}");
        var scanId = await Client.ScanIdAsync(rid);
        var end = await Client.ItemEndAsync(rid, deadline ?? TimeSpan.FromSeconds(60));
        var file = await Client.FileDoneAsync(scanId);
        var last = Client.StatusesOf(scanId)[^1];
        return new ScanOutcome(rid, scanId, end, last, Testbed.Scans.ScanServer.Blissdata.BlissdataContract.Of(last), file);
    }

    public Task<Testbed.Blissdata.DataStore> BlissdataAsync() => Testbed.Blissdata.DataStore.ConnectAsync(Redis.BlissdataUrl);

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions) await s.DisposeAsync();
        await Client.DisposeAsync();
        await Stack.DisposeAsync();
        await Twin.DisposeAsync();
        Clock.Dispose();
        Options.LoggerFactory.Dispose();
        await Redis.DisposeAsync();
        Dir.Dispose();
    }
}
