using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed twin serve beamline.yaml</c>: serve the simulated controllers of a beamline file.</summary>
internal static class TwinCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("beamline") { Description = "Beamline YAML (BLISS-style controller list), e.g. scenarios/beamlines/demo.yaml" };
        var rate = new Option<double>("--rate") { Description = "Virtual seconds per real second (1 = real time).", DefaultValueFactory = _ => 1.0 };
        var serve = new Command("serve", "Start every controller of the beamline file on its real protocol; Ctrl-C stops.") { file, rate };
        serve.SetAction(async (parse, ct) => await ServeAsync(parse.GetValue(file)!, parse.GetValue(rate), ct));
        return new Command("twin", "Serve a virtual beamline.") { serve };
    }

    private static async Task<int> ServeAsync(FileInfo file, double rate, CancellationToken ct)
    {
        BeamlineConfig beamline;
        try { beamline = BeamlineConfig.Load(file.FullName); }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"testbed: {e.Message}");
            return 2;
        }
        using var clock = new SimulationClock(rate);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A start failure is reported below in one line; the host's own stack-trace log would bury it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<TimeProvider>(clock);
        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }));
        IReadOnlyList<ITwinEndpoint> endpoints;
        try
        {
            endpoints = TwinRegistry.CreateAll(beamline, new TwinContext(clock, loggers, file.DirectoryName ?? "."));
        }
        catch (ConfigException e)
        {
            await Console.Error.WriteLineAsync($"testbed: {e.Message}");
            return 2;
        }
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddHostedService<TwinHostService>();
        using var host = builder.Build();
        try
        {
            await host.RunAsync(ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"testbed: cannot start the twin: {e.Message}");
            if (e is TwinStartException { AddressInUse: true })
                await Console.Error.WriteLineAsync("testbed: the port is taken; is another `testbed twin serve` running? Stop it or change the url: in the beamline file.");
            return 1;
        }
        return 0;
    }
}
