using System.CommandLine;
using Testbed.Cli.Commands.Scans;
using Testbed.Cli.Shell;
using Testbed.Dashboard.Hosting;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed dashboard</c>: the live web view of the scans on a blissdata Redis (and, with --twin, the twin's devices).</summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var listen = new Option<string>("--listen") { Description = "Address:port to serve on (default 127.0.0.1:5080; port 0 picks a free one). Off loopback --token is required.", DefaultValueFactory = _ => "127.0.0.1:5080" };
        listen.Validators.Add(r =>
        {
            try { ListenAddress.Parse(r.GetValueOrDefault<string>()); }
            catch (ArgumentException e) { r.AddError(e.Message); }
        });
        var token = new Option<string?>("--token") { Description = "Token every API request must carry (Authorization: Bearer T, or open the page as /?token=T)." };
        var twin = new Option<Uri?>("--twin") { Description = "URL of the twin control API whose JSON answer to a GET the page shows (e.g. its devices), refreshed every 2 s." };
        var cmd = new Command("dashboard", "Serve the live dashboard: scans, curves vs motor, the latest detector frame, state and progress.") { redis, listen, token, twin };
        cmd.SetAction(async (parse, ct) =>
        {
            var options = new DashboardOptions
            {
                Redis = parse.GetValue(redis)!,
                Listen = parse.GetValue(listen)!,
                Token = parse.GetValue(token),
                Twin = parse.GetValue(twin),
            };
            if (ListenAddress.Refusal(ListenAddress.Parse(options.Listen), options.Token) is { } refusal) throw new UsageException(refusal);
            await using var server = await DashboardServer.StartAsync(options, ct: ct);
            var address = options.Token is null ? server.Url.ToString() : $"{server.Url}?token=…";
            Console.WriteLine($"dashboard: {address} serving scans of {options.Redis}{(options.Twin is null ? "" : $" and the twin at {options.Twin}")} (Ctrl-C to stop)");
            await server.WaitAsync(ct);
            // Ctrl-C is how a server ends; its status says so, as for every other command.
            return ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return cmd;
    }
}
