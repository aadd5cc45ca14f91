using Testbed.Beamline;
using Testbed.Blissdata;
using Testbed.Blissdata.Reading;
using Testbed.Drivers.Elmo;
using Testbed.Scans.Bus;
using Testbed.Scans.Client;
using Testbed.Scans.Hosting;
using Testbed.Scans.ScanServer;
using Testbed.Scans.Validation;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Demo.Stack;

/// <summary>The main job: the beamline's twin (free ports), a private redis-server (or a given Redis), the device server, scan server,
/// bundler, SciHub and file writer in this process on the twin's clock; then one line scan submitted through Redis like any client,
/// followed to its end; then where its data is.</summary>
public sealed class StackDemo : IAsyncDisposable
{
    private readonly StackDemoOptions _options;
    private readonly IStackDemoView _view;
    private readonly List<IAsyncDisposable> _owned = [];
    private PrivateRedisServer? _redis;
    private SimulationClock? _clock;

    private StackDemo(StackDemoOptions options, IStackDemoView view)
    {
        _options = options;
        _view = view;
    }

    /// <summary>Runs the main job to its end; configuration errors throw <see cref="ConfigException"/> before anything starts.</summary>
    public static async Task<StackDemoResult> RunAsync(StackDemoOptions options, IStackDemoView view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(view);
        await using var run = new StackDemo(options, view);
        return await run.RunAsync(ct);
    }

    private async Task<StackDemoResult> RunAsync(CancellationToken ct)
    {
        var config = BeamlineConfig.Load(_options.Beamline);
        foreach (var w in config.Warnings) _view.Warning(w);
        var axes = config.OfClass(ElmoConfig.Classes).SelectMany(c => c.Axes).Select(a => a.String("name") ?? "").ToList();
        if (axes.Count == 0) return new(DemoOutcome.Refused, $"{config.Source} has no elmo axis to scan");
        var motor = _options.Motor ?? axes[0];
        if (!axes.Contains(motor))
            return new(DemoOutcome.Refused, $"no axis '{motor}' in {config.Source}" +
                (Spelling.Nearest(motor, axes) is { } hint ? $"; did you mean '{hint}'?" : "") + $" (axes: {string.Join(", ", axes)})");
        var request = ScanRequest.Parse("line_scan", [motor, Number(_options.From), Number(_options.To), _options.Points.ToString(System.Globalization.CultureInfo.InvariantCulture), Number(_options.CountTime)]);

        try
        {
            var (becUrl, blissdataUrl) = StartRedis();
            // A wrong database or an unreachable server is said before any twin starts.
            await DataStore.ProbeAsync(becUrl);
            await DataStore.ProbeAsync(blissdataUrl);
            var loggers = LineLoggerProvider.Factory((_, text) => _view.Warning(text));
            _owned.Add(new Disposer(() => { loggers.Dispose(); return ValueTask.CompletedTask; }));
            var beamline = config;
            TimeProvider time = TimeProvider.System;
            if (_options.StartTwin)
            {
                _clock = new SimulationClock(_options.Rate);
                time = _clock;
                var twin = await ServedBeamline.StartAsync(config, _options.FilePorts ? PortPolicy.AsFile : PortPolicy.Free, new TwinContext(_clock, loggers, config.BaseDirectory),
                    e => _view.Note($"twin {e.Name}: {e.Description} at {e.Address}"), ct);
                _owned.Add(twin);
                beamline = twin.Resolved;
            }
            // The NeXus writer is the stack's file writer (BEC mode): blisswriter's layout, frames linked, announced as BEC's master file.
            Writer.Service.WriterService? writer = null;
            var stack = await ScanStack.StartAsync(new ScanServerOptions
            {
                RedisUrl = becUrl,
                BlissdataUrl = blissdataUrl,
                FileBasePath = DataRoot(beamline),
                Time = time,
                LoggerFactory = loggers,
                Beamline = beamline,
            }, ct, common =>
            {
                writer = new Writer.Service.WriterService(new Writer.Service.WriterOptions
                {
                    RedisUrl = blissdataUrl, Time = common.Time, LoggerFactory = common.LoggerFactory,
                    Bec = new Writer.Service.BecMode(common.RedisUrl) { User = common.User, Hostname = common.Hostname },
                });
                return new FileWriterHost(writer, writer.Ready);
            });
            _owned.Add(stack);
            _owned.Add(new Disposer(() => { writer?.Dispose(); return ValueTask.CompletedTask; }));
            _view.Note($"services: {string.Join(", ", stack.Services.Select(s => s.Name))} running on {becUrl} (blissdata on {blissdataUrl})");

            // The client waits for messages in real time: its answer and file timeouts guard round trips, which do not scale with the twin.
            await using var client = await ScanClient.ConnectAsync(becUrl);
            ScanResult result;
            try
            {
                result = await _view.FollowAsync(request.Text, p => client.RunAsync(request, p, ct));
            }
            catch (ScanRefusedException e)
            {
                return new(DemoOutcome.Refused, e.Message);
            }
            var files = result.BlissdataKey is null ? [] : await DetectorFilesAsync(blissdataUrl, result.BlissdataKey);
            var plots = result.BlissdataKey is null ? [] : await PlotsAsync(blissdataUrl, result, files.Count > 0);
            if (result.Succeeded) return new(DemoOutcome.Succeeded, $"scan {result.ScanNumber} done: {_options.Points} points", result, files, plots);
            var why = result.Failure ?? $"the scan ended {result.Status?.ToString().ToLowerInvariant() ?? result.QueueStatus}";
            return new(ct.IsCancellationRequested ? DemoOutcome.Interrupted : DemoOutcome.Failed, why, result, files, plots);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new(DemoOutcome.Interrupted, "interrupted");
        }
        catch (ScanParameterException e)
        {
            return new(DemoOutcome.Refused, e.Message);
        }
        catch (Exception e) when (IsRuntimeFailure(e))
        {
            var hint = e is TwinStartException { AddressInUse: true } ? "; a port of the beamline file is taken (drop --file-ports to serve on free ports)" : "";
            return new(DemoOutcome.Failed, e.Message + hint);
        }
    }

    // BEC's channels are global to a server (pub/sub ignores databases): a private server is ours alone. BEC's keys go to the database
    // the URL names (0: where bec_lib looks), blissdata to the next one unless told (it needs a database of its own).
    private (string Bec, string Blissdata) StartRedis()
    {
        if (_options.Redis is { } url) return (url, _options.Blissdata ?? RedisUrl.WithDatabase(url, RedisUrl.Database(url) + 1));
        _redis = PrivateRedisServer.Start();
        if (_options.Blissdata is { } blissdata) return (_redis.Url(0), blissdata);
        _view.Note($"redis: a private redis-server on {_redis.Url()} (no persistence; it stops with this run)");
        return (_redis.Url(0), _redis.Url(1));
    }

    /// <summary>The first detector's data root: the scan files go there, so the frames' files fit the lima template.</summary>
    private static string DataRoot(BeamlineConfig resolved) =>
        resolved.OfClass("simplon_detector").Select(c => Path.GetFullPath(Path.Combine(resolved.BaseDirectory, c.Node.String("data_root") ?? "data/" + c.Name)))
            .FirstOrDefault() ?? Path.Combine(resolved.BaseDirectory, "data");

    /// <summary>The files of the frames saved, from the scan's lima streams.</summary>
    private static async Task<IReadOnlyList<string>> DetectorFilesAsync(string url, string key)
    {
        await using var store = await DataStore.ConnectAsync(url);
        var scan = await store.LoadScanAsync(key);
        var files = new List<string>();
        foreach (var stream in scan.Streams.Values.Where(s => s.Info["lima_info"] is not null))
        {
            var (_, saved) = await Lima.StatusAsync(stream);
            for (long f = 0; f <= saved; f++)
            {
                var file = Lima.Reference(stream, f).File;
                if (!files.Contains(file)) files.Add(file);
            }
        }
        return files;
    }

    /// <summary>Counters against the motor, and the frame of the point in the middle, as PNGs beside the master file (or in the plot folder).</summary>
    private async Task<IReadOnlyList<string>> PlotsAsync(string url, ScanResult result, bool hasFrames)
    {
        var folder = _options.PlotDirectory ?? (result.MasterFile is { } m ? Path.GetDirectoryName(m)! : Directory.GetCurrentDirectory());
        var stem = Path.Combine(folder, $"scan{result.ScanNumber:0000}");
        var plots = new List<string>();
        try
        {
            await using var store = await DataStore.ConnectAsync(url);
            var curves = stem + "_counters.png";
            plots.Add($"{curves} ({await Dashboard.Export.ScanExport.PlotAsync(store, result.BlissdataKey!, curves)})");
            if (hasFrames)
            {
                var frame = stem + "_frame.png";
                plots.Add($"{frame} ({await Dashboard.Export.ScanExport.FrameAsync(store, result.BlissdataKey!, Math.Max(0, (_options.Points - 1) / 2), frame)})");
            }
        }
        catch (Exception e) when (e is IOException or BlissdataException or InvalidOperationException or ArgumentException)
        {
            _view.Warning($"plots not written: {e.Message}");
        }
        return plots;
    }

    private static string Number(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsRuntimeFailure(Exception e) =>
        e is IOException or TimeoutException or HttpRequestException or System.Net.Sockets.SocketException or UnauthorizedAccessException
            or InvalidOperationException or BlissdataException or StackExchange.Redis.RedisException or Bec.BecException
            or ScanStackTimeoutException or Drivers.Abstractions.DriverException;

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try { await _owned[i].DisposeAsync(); }
            catch (Exception e) when (IsRuntimeFailure(e) || e is ObjectDisposedException) { _view.Warning($"while stopping: {e.Message}"); }
        }
        _clock?.Dispose();
        _redis?.Dispose();
    }

    private sealed class Disposer(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => dispose();
    }
}
