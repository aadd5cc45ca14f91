using System.CommandLine;
using Testbed.Beamline;
using Testbed.Cli.Shell;
using Testbed.Demo;
using Testbed.Scans.Hosting;
using Testbed.Scans.ScanServer;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed serve twin|device-server|scan-server|stack</c>: each service of the beamline as its own process around one Redis.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Run one part of the beamline as its own process: the twin, the device server, the scan server (with bundler, SciHub, file writer), the NeXus writer, or the whole stack; Ctrl-C stops.");
        serve.Subcommands.Add(TwinCommand.CreateServe("twin"));
        serve.Subcommands.Add(Services("device-server", ServedRole.DeviceServer, "The device server: drives the beamline file's controllers (twin or hardware) for the scan server on the same Redis."));
        serve.Subcommands.Add(Services("scan-server", ServedRole.ScanServer, "The scan server, scan bundler, SciHub and file writer: take scan requests on the Redis and run them through the device server."));
        serve.Subcommands.Add(WriterCommand.Create());
        serve.Subcommands.Add(Services("stack", ServedRole.Stack, "Every scan service in one process: device server and scan server (with bundler, SciHub, file writer)."));
        return serve;
    }

    private static Command Services(string name, ServedRole role, string description)
    {
        var file = new Argument<FileInfo?>("beamline")
        {
            Description = "Beamline file (the controllers to drive; a resolved file of `testbed twin serve` for a twin on other ports).",
            Arity = role == ServedRole.ScanServer ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        };
        var redis = CheckedOptions.Redis("The BEC Redis every service shares: redis://host:port/db or host:port.", "127.0.0.1:6379");
        var blissdata = CheckedOptions.Redis("blissdata's Redis (scan server: where scans are published; default: the database after --redis's).", name: "--blissdata");
        var data = new Option<DirectoryInfo?>("--data") { Description = "Where the scan server's file writer puts scan files (default: ./data)." };
        var cmd = new Command(name, description) { redis };
        if (role != ServedRole.ScanServer) cmd.Arguments.Add(file);
        if (role != ServedRole.DeviceServer) { cmd.Options.Add(blissdata); cmd.Options.Add(data); }
        cmd.SetAction(async (p, ct) =>
        {
            var url = p.GetValue(redis)!;
            var beamline = role == ServedRole.ScanServer ? null : BeamlineConfig.Load(p.GetValue(file)!.FullName);
            foreach (var w in beamline?.Warnings ?? []) Console.Error.WriteLine($"testbed serve {name}: warning: {w}");
            using var loggers = LineLoggerProvider.Factory((_, text) => Console.Error.WriteLine($"testbed serve {name}: {text}"));
            var options = new ScanServerOptions
            {
                RedisUrl = url,
                BlissdataUrl = p.GetValue(blissdata) ?? Blissdata.RedisUrl.WithDatabase(url, Blissdata.RedisUrl.Database(url) + 1),
                FileBasePath = (p.GetValue(data)?.FullName) ?? Path.GetFullPath("data"),
                LoggerFactory = loggers,
                Beamline = beamline,
            };
            await ServiceProcess.RunAsync(role, options, names => Console.WriteLine($"{string.Join(", ", names)} running on {url}; Ctrl-C stops"), ct);
            return ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return cmd;
    }
}
