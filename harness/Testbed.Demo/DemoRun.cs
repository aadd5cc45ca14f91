using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Blissdata;
using Testbed.Drivers.Elmo;
using Testbed.Drivers.Registry;
using Testbed.Scans.Publishing;
using Testbed.Scans.Stepping;
using Testbed.Scans.Validation;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Demo;

/// <summary>The demo: bring up a beamline's twin in-process (free ports by default), drive a step scan through the real drivers,
/// and optionally publish it with blissdata while it runs; nothing acquired is lost when Redis or a device drops.</summary>
public sealed class DemoRun : IAsyncDisposable
{
    private readonly DemoOptions _options;
    private readonly IDemoView _view;
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<ScanPoint> _points = [];
    private SimulationClock? _clock;
    private DataStore? _store;
    private StepScanPublisher? _publisher;
    private List<DetectorChannel> _cameras = [];
    private readonly List<DetectorChannel> _armed = [];
    private string? _folder;
    private List<string> _dataDirectories = [];
    private long _number;

    private DemoRun(DemoOptions options, IDemoView view)
    {
        _options = options;
        _view = view;
    }

    /// <summary>Runs the demo to its end; configuration errors throw <see cref="ConfigException"/> before anything starts.</summary>
    public static async Task<DemoResult> RunAsync(DemoOptions options, IDemoView view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(view);
        await using var run = new DemoRun(options, view);
        return await run.RunAsync(ct);
    }

    private async Task<DemoResult> RunAsync(CancellationToken ct)
    {
        var config = BeamlineConfig.Load(_options.Beamline);
        foreach (var w in config.Warnings) _view.Warning(w);
        var (motorName, refusal) = ScanAxis.Choose(config, _options.Motor);
        if (motorName is null) return new(DemoOutcome.Refused, refusal!);

        _clock = new SimulationClock(_options.Rate);
        try
        {
            // Redis first: a wrong --redis fails before any device moves.
            if (_options.Redis is { } url) _store = await StepScanPublisher.ConnectAsync(url, StoreOptions(), _view.Note);
            var drivers = _options.StartTwin ? await StartTwinAsync(config, ct) : config;
            return await ScanAsync(drivers, motorName, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return await EndAsync(DemoOutcome.Interrupted, "interrupted", EndReason.UserAbort);
        }
        catch (ScanParameterException e)
        {
            return await EndAsync(DemoOutcome.Refused, e.Message, EndReason.Failure);
        }
        catch (ScanFailedException e)
        {
            return await GiveUpAsync(e);
        }
        catch (Exception e) when (IsRuntimeFailure(e))
        {
            var hint = e is TwinStartException { AddressInUse: true }
                ? "; a port of the beamline file is taken (is `testbed twin serve` running? then add --no-twin; or drop --file-ports)"
                : "";
            return await EndAsync(DemoOutcome.Failed, e.Message + hint, EndReason.Failure);
        }
    }

    private async Task<BeamlineConfig> StartTwinAsync(BeamlineConfig config, CancellationToken ct)
    {
        var loggers = LineLoggerProvider.Factory((_, text) => _view.Warning(text));
        var context = new TwinContext(_clock!, loggers, config.BaseDirectory);
        var served = await ServedBeamline.StartAsync(config, _options.FilePorts ? PortPolicy.AsFile : PortPolicy.Free, context,
            e => _view.Note($"twin {e.Name}: {e.Description} at {e.Address}"), ct);
        _owned.Add(served);
        _owned.Add(new Disposer(() => { loggers.Dispose(); return ValueTask.CompletedTask; }));
        return served.Resolved;
    }

    private async Task<DemoResult> ScanAsync(BeamlineConfig config, string motorName, CancellationToken ct)
    {
        // With the twin in this process the drivers poll on its clock (their pauses scale with it); replies still take real time.
        var time = _options.StartTwin ? (TimeProvider)_clock! : TimeProvider.System;
        var drivers = DriverRegistry.Build(config, new DriverContext(time, TimeProvider.System, config.BaseDirectory));
        _owned.Add(drivers);
        var axes = drivers.Axes;
        var counters = drivers.Counters.Select(c => new CounterChannel(c, c.Controller)).ToList();
        var detectors = drivers.Detectors;
        var motor = axes.First(a => a.Name == motorName);

        foreach (var axis in axes) await axis.InitializeAsync(ct);
        foreach (var counter in counters) await counter.Counter.InitializeAsync(ct);
        _cameras = detectors.Select(d => new DetectorChannel(d, _options.CountTime)).ToList();
        _dataDirectories = [.. detectors.Select(d => d.DataDirectory)];
        var scan = new StepScan(motor, [.. axes], [.. counters, .. _cameras]);
        // Before anything moves: points, numbers, limits (backlash legs included).
        await scan.CheckAsync(_options.From, _options.To, _options.Points, _options.CountTime, ct);

        // Every run writes its frames into a folder of its own, numbered on: nothing is ever overwritten.
        var from = _store is null ? 1 : await StepScanPublisher.NextNumberAsync(_store);
        _number = _cameras.Count == 0 ? from
            : await ScanFolders.ReserveAsync(_dataDirectories, from, TimeProvider.System, ct);
        _folder = ScanFolders.Name(_number);
        foreach (var camera in _cameras) await camera.ConfigureAsync(_options.Points, _folder, ct);
        var files = new List<DetectorFiles>();
        foreach (var camera in _cameras) files.Add(await DetectorFiles.DescribeAsync(camera, ct));
        foreach (var camera in _cameras)
        {
            await camera.ArmAsync(ct);
            _armed.Add(camera);
        }

        if (_store is not null)
        {
            var plan = new ScanPlan(_number, motor.Name, _options.From, _options.To, _options.Points, _options.CountTime,
                await AxisSnapshot.ReadAsync(scan.Axes, ct), counters, files);
            _publisher = await StepScanPublisher.StartAsync(_store, plan, TimeProvider.System);
            _view.Note($"blissdata: scan {_number} of session {StepScanInfo.Session} at {_publisher.Key}");
        }
        _view.ScanStarting($"step scan of {motor.Name} from {Format(_options.From)} to {Format(_options.To)} {motor.Unit}, {_options.Points} points", ["#", .. scan.Columns]);
        var started = _clock!.GetTimestamp();
        var wall = TimeProvider.System.GetTimestamp();
        await scan.RunAsync(_options.From, _options.To, _options.Points, async p =>
        {
            _points.Add(p);
            _view.Point(p);
            if (_publisher is not null) await _publisher.PointAsync(p);
        }, ct);
        foreach (var camera in _cameras)
        {
            var frames = await camera.FinishAsync(ct);
            if (_publisher is not null) await _publisher.FramesClosedAsync(camera.Name, frames);
            ReportFiles(camera.Name, frames, incomplete: false);
        }
        _armed.Clear();
        if (_publisher is not null) await _publisher.SucceedAsync(await AxisSnapshot.ReadAsync(scan.Axes, ct));
        var (twin, real) = (_clock.GetElapsedTime(started), TimeProvider.System.GetElapsedTime(wall));
        var message = $"scan done: {_options.Points} points in {twin.TotalSeconds:0.00} s twin time ({real.TotalSeconds:0.00} s real)";
        return new(DemoOutcome.Succeeded, message, _publisher?.Key, twin, real);
    }

    /// <summary>Ends a run that did not complete: the detectors keep what they acquired (closed files, marked incomplete), the published scan is closed.</summary>
    private async Task<DemoResult> EndAsync(DemoOutcome outcome, string message, string endReason)
    {
        await KeepAcquiredFramesAsync(announce: true);
        if (_publisher is null) return new(outcome, message);
        var problem = await _publisher.EndAsync(endReason, message);
        _view.Note(problem is null
            ? $"blissdata: scan {_publisher.Number} closed with end_reason {endReason}"
            : $"blissdata: scan {_publisher.Number} could not be closed: {problem}");
        return new(outcome, message, _publisher.Key);
    }

    /// <summary>Redis stayed away past the retry window: say what was published and where everything acquired is.</summary>
    private async Task<DemoResult> GiveUpAsync(ScanFailedException e)
    {
        await KeepAcquiredFramesAsync(announce: false);
        var published = _publisher?.PublishedPoints ?? 0;
        var where = new List<string>();
        if (_points.Count > 0) where.Add($"all {_points.Count} acquired point(s) in {SavePoints()}");
        if (_folder is not null) where.Add($"the detector frames in {string.Join(", ", _dataDirectories.Select(d => Path.Combine(d, _folder)))}");
        var message = $"FAILED: {e.Message}; {published} of {_points.Count} acquired point(s) were published to {_publisher?.Key ?? "Redis"}, " +
                      $"which stays open there; {string.Join(", and ", where)}";
        return new(DemoOutcome.Failed, message, _publisher?.Key);
    }

    private async Task KeepAcquiredFramesAsync(bool announce)
    {
        foreach (var camera in _armed)
        {
            try
            {
                // One frame per point: those of the points measured are on disk (a trigger cut short may add one more, not announced).
                var frames = await camera.Detector.FinishEarlyAsync(_points.Count, TimeSpan.FromSeconds(10));
                ReportFiles(camera.Name, frames, incomplete: true);
                if (announce && _publisher is not null && frames.Count > 0) await _publisher.FramesClosedAsync(camera.Name, frames, complete: false);
            }
            catch (Exception x) when (IsRuntimeFailure(x) || x is ScanFailedException)
            {
                _view.Warning($"{camera.Name}: the frames acquired so far could not be closed into files: {x.Message}");
            }
        }
        _armed.Clear();
    }

    private void ReportFiles(string detector, IReadOnlyList<Drivers.Abstractions.FrameReference> frames, bool incomplete)
    {
        foreach (var series in frames.GroupBy(f => f.FilePath))
            _view.Note($"{detector}: frames {series.First().Frame}..{series.Last().Frame} in {series.Key} ({series.First().DatasetPath})" +
                       (incomplete ? $" — incomplete: the scan ended after {_points.Count} of {_options.Points} points" : ""));
        if (incomplete && frames.Count == 0) _view.Note($"{detector}: no frame was acquired");
    }

    /// <summary>Writes every acquired point (tab-separated, as shown) beside the run's frames, or in the working folder without a detector.</summary>
    private string SavePoints()
    {
        var directory = _folder is not null && _dataDirectories.Count > 0 ? Path.Combine(_dataDirectories[0], _folder) : Directory.GetCurrentDirectory();
        var path = Path.Combine(directory, $"points-{Environment.ProcessId}.tsv");
        var first = _points[0];
        var lines = new List<string> { string.Join('\t', ["#", .. first.Positions.Select(p => p.Axis), .. first.Readings.Select(r => r.Channel.Name)]) };
        lines.AddRange(_points.Select(p => string.Join('\t', [p.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), .. p.Row])));
        File.WriteAllLines(path, lines);
        return path;
    }

    private DataStoreOptions StoreOptions() => new()
    {
        Logger = LineLoggerProvider.Factory((_, text) => _view.Warning(text)).CreateLogger("blissdata"),
        ReconnectTimeout = _options.RedisTimeout,
        OnOutage = _view.Outage,
    };

    // Failures of the outside world (a device, Redis, a file, a port): the run ends with FAILURE and its message.
    private static bool IsRuntimeFailure(Exception e) =>
        e is IOException or TimeoutException or HttpRequestException or System.Net.Sockets.SocketException or UnauthorizedAccessException
            or InvalidOperationException or BlissdataException or StackExchange.Redis.RedisException or DetectorFilesException
            or Drivers.Abstractions.DriverException;

    private static string Format(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try { await _owned[i].DisposeAsync(); }
            catch (Exception e) when (IsRuntimeFailure(e) || e is ObjectDisposedException) { _view.Warning($"while stopping: {e.Message}"); }
        }
        if (_store is not null) await _store.DisposeAsync();
        _clock?.Dispose();
    }

    private sealed class Disposer(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => dispose();
    }
}
