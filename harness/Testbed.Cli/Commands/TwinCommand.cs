using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Cli.Shell;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Control;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed twin serve beamline.yaml</c>: serve the simulated controllers of a beamline file (and its control API);
/// <c>testbed twin ctl</c>: talk to that API.</summary>
internal static class TwinCommand
{
    public static Command Create() =>
        new("twin", "Serve a virtual beamline and control it.") { CreateServe("serve"), TwinCtl.Create() };

    /// <summary>The serve command (<c>testbed twin serve</c>, and <c>testbed serve twin</c> beside the other services).</summary>
    public static Command CreateServe(string name)
    {
        var file = new Argument<FileInfo>("beamline") { Description = "Beamline YAML (BLISS-style controller list), e.g. scenarios/beamlines/demo.yaml" };
        var rate = CheckedOptions.Positive("--rate", "Virtual seconds per real second (1 = real time).", 1.0);
        var ports = new Option<PortPolicy>("--ports")
        {
            Description = "file: the file's ports; free: any free loopback ports; offset:N: each port + N. Other than file, a resolved beamline file is written.",
            DefaultValueFactory = _ => PortPolicy.AsFile,
            CustomParser = r =>
            {
                try { return PortPolicy.Parse(r.Tokens[^1].Value); }
                catch (ArgumentException e) { r.AddError($"--ports: {e.Message}"); return PortPolicy.AsFile; }
            },
        };
        var resolved = new Option<FileInfo?>("--resolved")
        {
            Description = "Where to write the resolved beamline file (every url: as bound). Default with --ports free|offset:N: run/<name>.<pid>.yaml beside the beamline file.",
        };
        var control = new Option<string>("--control")
        {
            Description = "Where the control API listens: PORT, HOST or HOST:PORT (port 0: a free one), or off. Other than loopback needs --control-token.",
            DefaultValueFactory = _ => "127.0.0.1:0",
        };
        var token = new Option<string?>("--control-token") { Description = "Bearer token the control API requires (required off loopback)." };
        var transcript = new Option<int?>("--transcript")
        {
            Description = $"Exchanges each endpoint's wire transcript keeps (default {Testbed.Twin.Metrics.WireTranscript.DefaultCapacity}; " +
                          $"up to {Testbed.Twin.Host.Control.TranscriptControl.MaxCapacity}); `twin ctl URL transcript DEVICE` shows them.",
        };
        transcript.Validators.Add(r =>
        {
            if (r.GetValue(transcript) is { } n && n is < 1 or > Testbed.Twin.Host.Control.TranscriptControl.MaxCapacity)
                r.AddError($"--transcript: {n} is outside 1…{Testbed.Twin.Host.Control.TranscriptControl.MaxCapacity} exchanges");
        });
        var serve = new Command(name, "Start every controller of the beamline file on its real protocol, and the control API; Ctrl-C stops.")
            { file, rate, ports, resolved, control, token, transcript };
        serve.SetAction(async (parse, ct) => await ServeAsync(parse.GetValue(file)!, parse.GetValue(rate), parse.GetValue(ports)!, parse.GetValue(resolved),
            ControlOptions(parse.GetValue(control)!, parse.GetValue(token)), parse.GetValue(transcript), ct));
        return serve;
    }

    // Checked before anything starts: a non-loopback control API without a token is refused (exit 2).
    private static ControlServerOptions? ControlOptions(string address, string? token)
    {
        if (address == "off") return null;
        try
        {
            var options = ControlServerOptions.Parse(address, token);
            options.Check();
            return options;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--control: {ErrorText.OneLine(e)}");
        }
    }

    private static async Task<int> ServeAsync(FileInfo file, double rate, PortPolicy ports, FileInfo? resolved, ControlServerOptions? control, int? transcript,
        CancellationToken ct)
    {
        var beamline = BeamlineConfig.Load(file.ToString());
        foreach (var w in beamline.Warnings) await Console.Error.WriteLineAsync($"testbed: warning: {w}");
        var resolvedPath = resolved?.FullName
            ?? (ports.KeepsFile ? null : Path.Combine(beamline.BaseDirectory, "run", $"{Path.GetFileNameWithoutExtension(file.Name)}.{Environment.ProcessId}.yaml"));
        var controlUrlPath = control is null ? null
            : resolvedPath is not null ? Path.ChangeExtension(resolvedPath, ".control")
            : Path.Combine(beamline.BaseDirectory, "run", $"{Path.GetFileNameWithoutExtension(file.Name)}.{Environment.ProcessId}.control");
        using var clock = new SimulationClock(rate);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A start failure is reported below in one line; the host's own stack-trace log would bury it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<TimeProvider>(clock);
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }));
        builder.Services.AddSingleton(new TwinServeOptions(beamline, ports, resolvedPath, control, controlUrlPath, transcript));
        builder.Services.AddSingleton(new TwinContext(clock, loggers, beamline.BaseDirectory));
        builder.Services.AddHostedService<TwinHostService>();
        using var host = builder.Build();
        try
        {
            await host.RunAsync(ct);
        }
        catch (TwinStartException e)
        {
            await Console.Error.WriteLineAsync($"testbed twin serve: cannot start the twin: {e.Message}" + (e.AddressInUse
                ? "; the port is taken (another `testbed twin serve` or `testbed demo --file-ports`?): stop it, or serve with --ports free"
                : ""));
            return ExitCodes.Failure;
        }
        return ExitCodes.Success;
    }
}
