using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Testbed.Beamline;
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

    public static Command Create()
    {
        var beamline = new Option<FileInfo>("--beamline") { Description = "Beamline file.", DefaultValueFactory = _ => new FileInfo(DefaultBeamline) };
        var motor = new Option<string?>("--motor") { Description = "Axis to scan (default: the first axis of the file)." };
        var from = new Option<double>("--from") { Description = "First point, user units.", DefaultValueFactory = _ => -1.0 };
        var to = new Option<double>("--to") { Description = "Last point, user units.", DefaultValueFactory = _ => 1.0 };
        var points = new Option<int>("--points") { Description = "Number of points.", DefaultValueFactory = _ => 11 };
        var rate = new Option<double>("--rate") { Description = "Twin clock rate (virtual seconds per real second).", DefaultValueFactory = _ => 1.0 };
        var external = new Option<bool>("--no-twin") { Description = "Do not start a twin: scan whatever answers at the file's url:s (a running `testbed twin serve`, or hardware)." };
        var demo = new Command("demo", "Run a step scan against the twin of a beamline file (the demo beamline by default).")
        {
            beamline, motor, from, to, points, rate, external,
        };
        demo.SetAction(async (p, ct) => await RunAsync(p.GetValue(beamline)!, p.GetValue(motor), p.GetValue(from), p.GetValue(to),
            p.GetValue(points), p.GetValue(rate), p.GetValue(external), ct));
        return demo;
    }

    private static async Task<int> RunAsync(FileInfo file, string? motorName, double from, double to, int points, double rate, bool external, CancellationToken ct)
    {
        BeamlineConfig config;
        IReadOnlyList<ElmoAxis> axes;
        IReadOnlyList<SimplonDetector> detectors;
        IReadOnlyList<KeithleyCounter> counters;
        var baseDirectory = file.DirectoryName ?? ".";
        try
        {
            config = BeamlineConfig.Load(file.FullName);
            axes = ElmoDriverFactory.CreateAxes(config);
            counters = config.OfClass("keithley").Select(KeithleyCounter.FromConfig).ToList();
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
        try
        {
            if (!external)
            {
                var context = new TwinContext(clock, NullLoggerFactory.Instance, baseDirectory);
                var created = TwinRegistry.CreateAll(config, context);
                await TwinEndpoints.StartAllAsync(created,
                    e => AnsiConsole.MarkupLineInterpolated($"[grey]twin {e.Name}: {e.Description} at {e.Address}[/]"), ct);
                endpoints = created;
            }
            foreach (var axis in axes) await axis.InitializeAsync(ct);
            foreach (var counter in counters) await counter.InitializeAsync(ct);
            var cameras = detectors.Select(d => new DetectorChannel(d, countTime: 0.01)).ToList();
            foreach (var camera in cameras) await camera.PrepareAsync(points, ct);

            var scan = new DemoScan(motor, [.. axes], [.. counters.Select(c => new CounterChannel(c)), .. cameras]);
            var table = new Table().Border(TableBorder.Simple).AddColumn("#");
            foreach (var c in scan.Columns) table.AddColumn(c);
            AnsiConsole.MarkupLineInterpolated($"step scan of {motor.Name} from {from} to {to} {motor.Unit}, {points} points");
            var started = clock.GetTimestamp();
            var wall = TimeProvider.System.GetTimestamp();
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                await AnsiConsole.Live(table).StartAsync(async live =>
                    await scan.RunAsync(from, to, points, (i, row) => { table.AddRow([i.ToString(), .. row]); live.Refresh(); }, ct));
            }
            else
            {
                // Logs and pipes get one line per point, as it is measured.
                Console.WriteLine(string.Join('\t', ["#", .. scan.Columns]));
                await scan.RunAsync(from, to, points, (i, row) => Console.WriteLine(string.Join('\t', [i.ToString(), .. row])), ct);
            }
            foreach (var camera in cameras)
            {
                var frames = await camera.FinishAsync(ct);
                foreach (var series in frames.GroupBy(f => f.FilePath))
                    AnsiConsole.MarkupLineInterpolated($"{camera.Name}: frames {series.First().Frame}..{series.Last().Frame} in {series.Key} ({series.First().DatasetPath})");
            }
            AnsiConsole.MarkupLineInterpolated(
                $"[green]scan done[/]: {points} points in {clock.GetElapsedTime(started).TotalSeconds:0.00} s twin time ({TimeProvider.System.GetElapsedTime(wall).TotalSeconds:0.00} s real)");
            return 0;
        }
        catch (Exception e) when (e is AxisException or DeviceException or SimplonRequestException or HttpRequestException or ConfigException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]testbed demo: {e.Message}[/]");
            if (e is TwinStartException { AddressInUse: true })
                AnsiConsole.MarkupLine("[yellow]a port of the beamline file is taken: is `testbed twin serve` already running? Then add --no-twin.[/]");
            return 1;
        }
        finally
        {
            foreach (var axis in axes) await axis.DisposeAsync();
            foreach (var detector in detectors) await detector.DisposeAsync();
            foreach (var counter in counters) await counter.DisposeAsync();
            await TwinEndpoints.StopAllAsync(endpoints, null);
        }
    }
}
