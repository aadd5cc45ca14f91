using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Testbed.Beamline;
using Testbed.Blissdata;
using Testbed.Cli.Commands.Scans;
using Testbed.Cli.Demo;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.Drivers.Elmo;
using Testbed.Drivers.Scpi;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed demo</c>: bring up the demo beamline's twin in-process and run a step scan against it through the real drivers.</summary>
internal static class DemoCommand
{
    public const string DefaultBeamline = "scenarios/beamlines/demo.yaml";

    /// <summary>Exposure of each detector frame, s.</summary>
    private const double CountTime = 0.01;

    public static Command Create()
    {
        var beamline = new Option<FileInfo>("--beamline") { Description = $"Beamline file (default: {DefaultBeamline} of this checkout).", DefaultValueFactory = _ => FindDefaultBeamline() };
        var motor = new Option<string?>("--motor") { Description = "Axis to scan (default: the first axis of the file)." };
        var from = new Option<double>("--from") { Description = "First point, user units.", DefaultValueFactory = _ => -1.0 };
        var to = new Option<double>("--to") { Description = "Last point, user units.", DefaultValueFactory = _ => 1.0 };
        var points = new Option<int>("--points") { Description = "Number of points.", DefaultValueFactory = _ => 11 };
        var rate = new Option<double>("--rate") { Description = "Twin clock rate (virtual seconds per real second).", DefaultValueFactory = _ => 1.0 };
        var external = new Option<bool>("--no-twin") { Description = "Do not start a twin: scan whatever answers at the file's url:s (a running `testbed twin serve`, or hardware)." };
        var redis = new Option<string?>("--redis")
        {
            Description = "Publish the scan with blissdata on this Redis while it runs: redis://host:port/db or host:port (an empty database is initialised); the scan key is printed last.",
        };
        var demo = new Command("demo", "Run a step scan against the twin of a beamline file (the demo beamline by default).")
        {
            beamline, motor, from, to, points, rate, external, redis,
        };
        demo.SetAction(async (p, ct) => await RunAsync(p.GetValue(beamline)!, p.GetValue(motor), p.GetValue(from), p.GetValue(to),
            p.GetValue(points), p.GetValue(rate), p.GetValue(external), p.GetValue(redis), ct));
        return demo;
    }

    private static async Task<int> RunAsync(FileInfo file, string? motorName, double from, double to, int points, double rate, bool external, string? redis, CancellationToken ct)
    {
        BeamlineConfig config;
        IReadOnlyList<ElmoAxis> axes;
        IReadOnlyList<SimplonDetector> detectors;
        IReadOnlyList<CounterChannel> counters;
        var baseDirectory = file.DirectoryName ?? ".";
        try
        {
            config = BeamlineConfig.Load(file.FullName);
            axes = ElmoDriverFactory.CreateAxes(config);
            counters = config.OfClass("keithley").Select(c => new CounterChannel(KeithleyCounter.FromConfig(c), c.Name)).ToList();
            detectors = config.OfClass("simplon_detector").Select(c => new SimplonDetector(SimplonDetectorOptions.FromConfig(c, baseDirectory))).ToList();
        }
        catch (ConfigException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]testbed demo: {e.Message}[/]");
            return 2;
        }
        if (axes.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]testbed demo: {file.Name} has no elmo axis to scan[/]");
            return 2;
        }
        var motor = motorName is null ? axes[0] : axes.FirstOrDefault(a => a.Name == motorName);
        if (motor is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]testbed demo: no axis '{motorName}'; axes: {string.Join(", ", axes.Select(a => a.Name))}[/]");
            return 2;
        }

        using var clock = new SimulationClock(rate);
        IReadOnlyList<ITwinEndpoint> endpoints = [];
        DataStore? store = null;
        DemoPublisher? publisher = null;
        try
        {
            // Redis first: a wrong --redis fails before any device moves.
            if (redis is not null)
                store = await DemoPublisher.ConnectAsync(redis, ScanOptions.Store(), note => Console.Error.WriteLine($"testbed: {note}"));
            if (!external)
            {
                var context = new TwinContext(clock, NullLoggerFactory.Instance, baseDirectory);
                var created = TwinRegistry.CreateAll(config, context);
                await TwinEndpoints.StartAllAsync(created,
                    e => AnsiConsole.MarkupLineInterpolated($"[grey]twin {e.Name}: {e.Description} at {e.Address}[/]"), ct);
                endpoints = created;
            }
            foreach (var axis in axes) await axis.InitializeAsync(ct);
            foreach (var counter in counters) await counter.Counter.InitializeAsync(ct);
            var cameras = detectors.Select(d => new DetectorChannel(d, CountTime)).ToList();
            var number = store is null ? 0 : await DemoPublisher.NextNumberAsync(store);
            // Published scans fix the file names before arm: the lima streams announce them before the first frame.
            foreach (var camera in cameras) await camera.ConfigureAsync(points, store is null ? null : DemoPublisher.ImagesDirectory(number), ct);
            var files = new List<DetectorFiles>();
            if (store is not null)
                foreach (var camera in cameras) files.Add(await DetectorFiles.DescribeAsync(camera, ct));
            foreach (var camera in cameras) await camera.ArmAsync(ct);

            var scan = new DemoScan(motor, [.. axes], [.. counters, .. cameras]);
            if (store is not null)
            {
                var plan = new DemoPlan(number, motor.Name, from, to, points, CountTime, await AxisSnapshot.ReadAsync(scan.Axes, ct), counters, files);
                publisher = await DemoPublisher.StartAsync(store, plan, TimeProvider.System);
                AnsiConsole.MarkupLineInterpolated($"[grey]blissdata: scan {number} of session {DemoScanInfo.Session} at {publisher.Key}[/]");
            }
            var table = new Table().Border(TableBorder.Simple).AddColumn("#");
            foreach (var c in scan.Columns) table.AddColumn(c);
            AnsiConsole.MarkupLineInterpolated($"step scan of {motor.Name} from {from} to {to} {motor.Unit}, {points} points");
            var started = clock.GetTimestamp();
            var wall = TimeProvider.System.GetTimestamp();
            async Task Publish(DemoPoint p)
            {
                if (publisher is not null) await publisher.PointAsync(p);
            }
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                await AnsiConsole.Live(table).StartAsync(async live =>
                    await scan.RunAsync(from, to, points, async p => { table.AddRow([p.Index.ToString(), .. p.Row]); live.Refresh(); await Publish(p); }, ct));
            }
            else
            {
                // Logs and pipes get one line per point, as it is measured.
                Console.WriteLine(string.Join('\t', ["#", .. scan.Columns]));
                await scan.RunAsync(from, to, points, async p => { Console.WriteLine(string.Join('\t', [p.Index.ToString(), .. p.Row])); await Publish(p); }, ct);
            }
            foreach (var camera in cameras)
            {
                var frames = await camera.FinishAsync(ct);
                if (publisher is not null) await publisher.FramesClosedAsync(camera.Name, frames);
                foreach (var series in frames.GroupBy(f => f.FilePath))
                    AnsiConsole.MarkupLineInterpolated($"{camera.Name}: frames {series.First().Frame}..{series.Last().Frame} in {series.Key} ({series.First().DatasetPath})");
            }
            if (publisher is not null) await publisher.SucceedAsync(await AxisSnapshot.ReadAsync(scan.Axes, ct));
            AnsiConsole.MarkupLineInterpolated(
                $"[green]scan done[/]: {points} points in {clock.GetElapsedTime(started).TotalSeconds:0.00} s twin time ({TimeProvider.System.GetElapsedTime(wall).TotalSeconds:0.00} s real)");
            if (publisher is not null) Console.WriteLine(publisher.Key);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]testbed demo: interrupted[/]");
            await EndAsync(publisher, EndReason.UserAbort, "scan interrupted by the user");
            return 130;
        }
        catch (Exception e) when (e is AxisException or DeviceException or SimplonRequestException or HttpRequestException or ConfigException or IOException
                                      or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException or ArgumentException
                                      or DetectorFilesException or BlissdataException or StackExchange.Redis.RedisException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]testbed demo: {e.Message}[/]");
            if (e is TwinStartException { AddressInUse: true })
                AnsiConsole.MarkupLine("[yellow]a port of the beamline file is taken: is `testbed twin serve` already running? Then add --no-twin.[/]");
            await EndAsync(publisher, EndReason.Failure, e.Message);
            return 1;
        }
        finally
        {
            foreach (var axis in axes) await axis.DisposeAsync();
            foreach (var detector in detectors) await detector.DisposeAsync();
            foreach (var counter in counters) await counter.Counter.DisposeAsync();
            await TwinEndpoints.StopAllAsync(endpoints, null);
            if (store is not null) await store.DisposeAsync();
        }
    }

    /// <summary>The demo beamline relative to the working directory, else the one of the checkout this program was built in.</summary>
    private static FileInfo FindDefaultBeamline()
    {
        if (File.Exists(DefaultBeamline)) return new FileInfo(DefaultBeamline);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultBeamline);
            if (File.Exists(candidate)) return new FileInfo(candidate);
        }
        return new FileInfo(DefaultBeamline);
    }

    /// <summary>Closes a published scan that did not complete and says how it ended, with its key last.</summary>
    private static async Task EndAsync(DemoPublisher? publisher, string endReason, string message)
    {
        if (publisher is null) return;
        var problem = await publisher.EndAsync(endReason, message);
        if (problem is null) AnsiConsole.MarkupLineInterpolated($"blissdata: scan {publisher.Number} closed with end_reason {endReason}");
        else AnsiConsole.MarkupLineInterpolated($"[red]blissdata: scan {publisher.Number} could not be closed: {problem}[/]");
        Console.WriteLine(publisher.Key);
    }
}
