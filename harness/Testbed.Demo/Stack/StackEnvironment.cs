using Testbed.Beamline;
using Testbed.Blissdata;
using Testbed.Scans.Bus;
using Testbed.Scans.Hosting;
using Testbed.Scans.ScanServer;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Demo.Stack;

/// <summary>One running beamline stack: a Redis (private unless given), the beamline's twin on free ports (unless driving what the file's
/// url:s reach), and the scan stack — device server, scan server, bundler, SciHub, the NeXus writer as BEC's file writer — on the twin's clock.</summary>
/// <remarks>What the main job and the scenario runner both stand on; dispose stops everything in reverse order.</remarks>
public sealed class StackEnvironment : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Action<string> _warning;

    private StackEnvironment(Action<string> warning) => _warning = warning;

    /// <summary>The Redis of BEC's messages (database 0 of a private server).</summary>
    public string BecUrl { get; private set; } = "";

    /// <summary>blissdata's Redis (the next database unless given).</summary>
    public string BlissdataUrl { get; private set; } = "";

    /// <summary>The private redis-server, or null when a Redis was given.</summary>
    public PrivateRedisServer? Redis { get; private set; }

    /// <summary>The twin, or null when driving the file's url:s.</summary>
    public ServedBeamline? Twin { get; private set; }

    /// <summary>The twin's clock, or null without a twin.</summary>
    public SimulationClock? Clock { get; private set; }

    /// <summary>The clock the services run on: the twin's, or the system's without a twin.</summary>
    public TimeProvider Time => (TimeProvider?)Clock ?? TimeProvider.System;

    /// <summary>The beamline as the services see it (the twin's resolved addresses).</summary>
    public BeamlineConfig Beamline { get; private set; } = null!;

    /// <summary>Where scan files go: the first detector's data root.</summary>
    public string DataRoot { get; private set; } = "";

    public ScanStack Stack { get; private set; } = null!;

    /// <summary>Starts everything; a wrong database or an unreachable Redis is said before any twin starts.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="note">Receives what started where.</param>
    /// <param name="warning">Receives the services' warnings and errors, one line each.</param>
    /// <param name="ct">Cancels the start.</param>
    public static async Task<StackEnvironment> StartAsync(StackEnvironmentOptions options, Action<string> note, Action<string> warning, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var env = new StackEnvironment(warning);
        try
        {
            await env.StartAsync(options, note, ct);
            return env;
        }
        catch
        {
            await env.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(StackEnvironmentOptions options, Action<string> note, CancellationToken ct)
    {
        (BecUrl, BlissdataUrl) = StartRedis(options, note);
        await DataStore.ProbeAsync(BecUrl);
        await DataStore.ProbeAsync(BlissdataUrl);
        var loggers = LineLoggerProvider.Factory((_, text) => _warning(text));
        _owned.Add(new Disposer(() => { loggers.Dispose(); return ValueTask.CompletedTask; }));
        Beamline = options.Beamline;
        if (options.StartTwin)
        {
            Clock = new SimulationClock(options.Rate);
            Twin = await ServedBeamline.StartAsync(options.Beamline, options.FilePorts ? PortPolicy.AsFile : PortPolicy.Free,
                new TwinContext(Clock, loggers, options.Beamline.BaseDirectory), e => note($"twin {e.Name}: {e.Description} at {e.Address}"), ct);
            _owned.Add(Twin);
            Beamline = Twin.Resolved;
        }
        DataRoot = DataRootOf(Beamline);
        // The NeXus writer is the stack's file writer (BEC mode): blisswriter's layout, frames linked, announced as BEC's master file.
        Writer.Service.WriterService? writer = null;
        Stack = await ScanStack.StartAsync(new ScanServerOptions
        {
            RedisUrl = BecUrl,
            BlissdataUrl = BlissdataUrl,
            FileBasePath = DataRoot,
            Time = Time,
            LoggerFactory = loggers,
            Beamline = Beamline,
        }, ct, common =>
        {
            writer = new Writer.Service.WriterService(new Writer.Service.WriterOptions
            {
                RedisUrl = BlissdataUrl, Time = common.Time, LoggerFactory = common.LoggerFactory,
                Bec = new Writer.Service.BecMode(common.RedisUrl) { User = common.User, Hostname = common.Hostname },
            });
            return new FileWriterHost(writer, writer.Ready);
        });
        _owned.Add(Stack);
        _owned.Add(new Disposer(() => { writer?.Dispose(); return ValueTask.CompletedTask; }));
    }

    // BEC's channels are global to a server (pub/sub ignores databases): a private server is ours alone. BEC's keys go to the database
    // the URL names (0: where bec_lib looks), blissdata to the next one unless told (it needs a database of its own).
    private (string Bec, string Blissdata) StartRedis(StackEnvironmentOptions options, Action<string> note)
    {
        if (options.Redis is { } url) return (url, options.Blissdata ?? RedisUrl.WithDatabase(url, RedisUrl.Database(url) + 1));
        Redis = PrivateRedisServer.Start(options.DurableRedis);
        if (options.Blissdata is { } blissdata) return (Redis.Url(0), blissdata);
        note($"redis: a private redis-server on {Redis.Url()} ({(options.DurableRedis ? "append-only file" : "no persistence")}; it stops with this run)");
        return (Redis.Url(0), Redis.Url(1));
    }

    /// <summary>The first detector's data root: the scan files go there, so the frames' files fit the lima template.</summary>
    public static string DataRootOf(BeamlineConfig resolved) =>
        resolved.OfClass("simplon_detector").Select(c => Path.GetFullPath(Path.Combine(resolved.BaseDirectory, c.Node.String("data_root") ?? "data/" + c.Name)))
            .FirstOrDefault() ?? Path.Combine(resolved.BaseDirectory, "data");

    /// <summary>Errors of the running stack that end a run with a message (not a crash): I/O, Redis, drivers, timeouts.</summary>
    public static bool IsRuntimeFailure(Exception e) =>
        e is IOException or TimeoutException or HttpRequestException or System.Net.Sockets.SocketException or UnauthorizedAccessException
            or InvalidOperationException or BlissdataException or StackExchange.Redis.RedisException or Bec.BecException
            or Scans.Client.ScanStackTimeoutException or Drivers.Abstractions.DriverException;

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try { await _owned[i].DisposeAsync(); }
            catch (Exception e) when (IsRuntimeFailure(e) || e is ObjectDisposedException) { _warning($"while stopping: {e.Message}"); }
        }
        _owned.Clear();
        Clock?.Dispose();
        Redis?.Dispose();
    }

    private sealed class Disposer(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => dispose();
    }
}

/// <summary>What a <see cref="StackEnvironment"/> runs.</summary>
public sealed record StackEnvironmentOptions
{
    /// <summary>The beamline (loaded and validated).</summary>
    public required BeamlineConfig Beamline { get; init; }

    /// <summary>Twin clock rate (virtual seconds per real second); the services poll on the same clock.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>False: drive whatever answers at the file's url:s (a running twin serve, or hardware); the services then poll in real time.</summary>
    public bool StartTwin { get; init; } = true;

    /// <summary>True: the twin serves on the file's ports instead of free ones.</summary>
    public bool FilePorts { get; init; }

    /// <summary>An existing Redis; null = a private redis-server child on a free loopback port.</summary>
    public string? Redis { get; init; }

    /// <summary>blissdata's Redis; null = the next database of <see cref="Redis"/> (or of the private server).</summary>
    public string? Blissdata { get; init; }

    /// <summary>The private server keeps its data across a restart (scenarios that restart Redis).</summary>
    public bool DurableRedis { get; init; }
}
