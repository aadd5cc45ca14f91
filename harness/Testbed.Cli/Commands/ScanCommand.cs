using System.CommandLine;
using System.Globalization;
using Testbed.Bec.Values;
using Testbed.Cli.Shell;
using Testbed.Scans.Client;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed scan &lt;scan&gt; &lt;args…&gt;</c>: submits one scan to whatever scan server listens on a Redis and follows it to its end.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var scan = new Argument<string>("scan") { Description = $"BEC scan name: {string.Join(", ", ScanRequest.Forms.Keys)}." };
        var args = new Argument<string[]>("args") { Description = "The scan's arguments: " + string.Join("; ", ScanRequest.Forms.Select(f => $"{f.Key} {f.Value}")), Arity = ArgumentArity.ZeroOrMore };
        var redis = CheckedOptions.Redis("The BEC Redis the scan server listens on: redis://host:port/db or host:port.", "127.0.0.1:6379");
        var relative = new Option<bool>("--relative") { Description = "Positions relative to where the motors stand (BLISS's dscan); they go back at the end." };
        var set = new Option<string[]>("--set") { Description = "Another keyword argument of the scan, key=value (e.g. --set settling_time=0.1 --set snaked=false).", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("scan", "Submit one scan (line_scan, grid_scan, acquire, time_scan, umv) to a BEC-style scan server over Redis, show its progress, and print its blissdata key and file.")
        {
            scan, args, redis, relative, set,
        };
        // Negative numbers (-1) are arguments here, not options.
        cmd.TreatUnmatchedTokensAsErrors = true;
        cmd.SetAction((parse, ct) => RunAsync(parse.GetValue(scan)!, parse.GetValue(args) ?? [], parse.GetValue(redis)!, parse.GetValue(relative), parse.GetValue(set) ?? [], ct));
        return cmd;
    }

    private static async Task<int> RunAsync(string scanType, string[] positionals, string redis, bool relative, string[] sets, CancellationToken ct)
    {
        var options = new Dictionary<string, BecValue>(StringComparer.Ordinal);
        if (relative) options["relative"] = true;
        foreach (var s in sets)
        {
            var eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"--set '{s}': write key=value, e.g. --set settling_time=0.1");
            options[s[..eq]] = Value(s[(eq + 1)..]);
        }
        ScanRequest request;
        try { request = ScanRequest.Parse(scanType, positionals, options); }
        catch (Testbed.Scans.Validation.ScanParameterException e) { throw new UsageException(e.Message); }
        await using var client = await ScanClient.ConnectAsync(redis);
        var view = new ScanProgressView(request.Text);
        ScanResult result;
        try { result = await view.RunAsync(p => client.RunAsync(request, p, ct)); }
        catch (ScanRefusedException e) { throw new UsageException($"refused: {e.Message}"); }
        foreach (var line in ScanSummary.Lines(result)) Console.WriteLine(line);
        if (result.Succeeded) return ExitCodes.Success;
        if (ct.IsCancellationRequested) return ExitCodes.Interrupted;
        await Console.Error.WriteLineAsync($"testbed scan: FAILED: {request.Text}: {result.Failure ?? $"ended {Describe(result)}"}");
        return ExitCodes.Failure;
    }

    private static string Describe(ScanResult r) => r.Status is { } s ? $"with status {s.ToString().ToLowerInvariant()}" : $"as {r.QueueStatus}";

    // Numbers, true/false and none as Python would read them; anything else is a string.
    private static BecValue Value(string text) =>
        text switch
        {
            "true" or "True" => true,
            "false" or "False" => false,
            "none" or "None" => BecValue.Nil,
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => text,
        };
}
