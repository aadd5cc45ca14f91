using System.CommandLine;
using Testbed.Cli.Shell;
using Testbed.Demo;
using Testbed.Demo.Stack;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed demo</c>: the main job (twin, Redis, scan services, one scan through Redis); <c>--direct</c>: a step scan through the drivers only.</summary>
internal static class DemoCommand
{
    public const string DefaultBeamline = "scenarios/beamlines/demo.yaml";

    public static Command Create()
    {
        var beamline = new Option<FileInfo>("--beamline") { Description = $"Beamline file (default: {DefaultBeamline} of this checkout).", DefaultValueFactory = _ => FindDefaultBeamline() };
        var motor = new Option<string?>("--motor") { Description = "Axis to scan (default: the first axis of the file)." };
        var from = CheckedOptions.Number("--from", "First point, user units.", -1.0);
        var to = CheckedOptions.Number("--to", "Last point, user units.", 1.0);
        var points = CheckedOptions.Count("--points", "Number of points (at least 1).", 11, minimum: 1);
        var rate = CheckedOptions.Positive("--rate", "Twin clock rate (virtual seconds per real second).", 1.0);
        var external = new Option<bool>("--no-twin") { Description = "Do not start a twin: scan whatever answers at the file's url:s (a running `testbed twin serve`, or hardware)." };
        var filePorts = new Option<bool>("--file-ports") { Description = "Serve the in-process twin on the file's ports (default: free loopback ports, printed at start)." };
        var redis = CheckedOptions.Redis("Use this Redis (redis://host:port/db or host:port) instead of a private redis-server child; with --direct: publish the scan with blissdata there (an empty database is initialised).");
        var blissdata = CheckedOptions.Redis("blissdata's Redis for the main job (default: the database after --redis's, or DB 1 of the private server).", name: "--blissdata");
        var direct = new Option<bool>("--direct") { Description = "Drive the scan from this process through the drivers, without the scan services (a table of points; blissdata only with --redis)." };
        var redisTimeout = CheckedOptions.Positive("--redis-timeout", "Seconds a lost Redis is waited for (the scan pauses, nothing acquired is lost) before the scan fails.", 30);
        var demo = new Command("demo", "The main job: the twin of a beamline file (the demo beamline by default), a private Redis, the device and scan servers; one line scan submitted through Redis, its progress, blissdata key, files and plots.")
        {
            beamline, motor, from, to, points, rate, external, filePorts, redis, redisTimeout, direct, blissdata,
        };
        demo.SetAction(async (p, ct) =>
        {
            if (!p.GetValue(direct))
            {
                var stackView = new StackDemoConsoleView();
                return stackView.Finish(await StackDemo.RunAsync(new StackDemoOptions
                {
                    Beamline = p.GetValue(beamline)!.ToString(),
                    Motor = p.GetValue(motor),
                    From = p.GetValue(from),
                    To = p.GetValue(to),
                    Points = p.GetValue(points),
                    Rate = p.GetValue(rate),
                    StartTwin = !p.GetValue(external),
                    FilePorts = p.GetValue(filePorts),
                    Redis = p.GetValue(redis),
                    Blissdata = p.GetValue(blissdata),
                }, stackView, ct));
            }
            var options = new DemoOptions
            {
                Beamline = p.GetValue(beamline)!.ToString(),
                Motor = p.GetValue(motor),
                From = p.GetValue(from),
                To = p.GetValue(to),
                Points = p.GetValue(points),
                Rate = p.GetValue(rate),
                StartTwin = !p.GetValue(external),
                FilePorts = p.GetValue(filePorts),
                Redis = p.GetValue(redis),
                RedisTimeout = TimeSpan.FromSeconds(p.GetValue(redisTimeout)),
            };
            await using var view = new DemoConsoleView();
            var result = await DemoRun.RunAsync(options, view, ct);
            return view.Finish(result);
        });
        return demo;
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
}
