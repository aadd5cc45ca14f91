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
    private StackEnvironment? _environment;

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
        var (motor, refusal) = ScanAxis.Choose(config, _options.Motor);
        if (motor is null) return new(DemoOutcome.Refused, refusal!);
        var request = ScanRequest.Parse("line_scan", [motor, Number(_options.From), Number(_options.To), _options.Points.ToString(System.Globalization.CultureInfo.InvariantCulture), Number(_options.CountTime)]);

        try
        {
            _environment = await StackEnvironment.StartAsync(new StackEnvironmentOptions
            {
                Beamline = config, Rate = _options.Rate, StartTwin = _options.StartTwin, FilePorts = _options.FilePorts,
                Redis = _options.Redis, Blissdata = _options.Blissdata,
            }, _view.Note, _view.Warning, ct);
            var stack = _environment.Stack;
            var (becUrl, blissdataUrl) = (_environment.BecUrl, _environment.BlissdataUrl);
            _view.Note($"services: {string.Join(", ", stack.ServiceNames)} running on {becUrl} (blissdata on {blissdataUrl})");

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

    private static bool IsRuntimeFailure(Exception e) => StackEnvironment.IsRuntimeFailure(e);

    public async ValueTask DisposeAsync()
    {
        if (_environment is not null) await _environment.DisposeAsync();
    }
}
