using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Testbed.Cli.Shell;
using Testbed.Twin.Host.Control;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed twin ctl URL devices|get|set|clock|metrics|faults|transcript</c>: the control API of a running twin from the shell.</summary>
internal static partial class TwinCtl
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The control API's URL as `testbed twin serve` printed it, or the .control file it wrote." };
        var token = new Option<string?>("--token")
        {
            Description = "Bearer token of a twin served with --control-token (default: $TESTBED_CONTROL_TOKEN).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TESTBED_CONTROL_TOKEN"),
            Recursive = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON reply as it is.", Recursive = true };
        var device = new Argument<string>("device") { Description = "A device name (see `devices`)." };
        var key = new Argument<string>("key") { Description = "A state key (see `get DEVICE`: settable)." };
        var value = new Argument<string>("value") { Description = "The value: a number, true/false, or a name." };
        var seconds = new Argument<double>("seconds") { Description = "Virtual seconds to advance." };
        var rate = new Argument<double>("rate") { Description = "Virtual seconds per real second." };

        Command Verb(string name, string description, Func<ControlClient, System.CommandLine.ParseResult, CancellationToken, Task<JsonElement>> call,
            Action<JsonElement> render, params Argument[] arguments)
        {
            var command = new Command(name, description);
            foreach (var a in arguments) command.Arguments.Add(a);
            command.SetAction(async (parse, ct) =>
            {
                using var client = new ControlClient(Target(parse.GetValue(url)!), parse.GetValue(token));
                JsonElement reply;
                try { reply = await call(client, parse, ct); }
                catch (ControlRequestException e) when (e.Refused) { throw new UsageException(e.Message); }
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(reply, Indented));
                else render(reply);
                return ExitCodes.Success;
            });
            return command;
        }

        var clock = Verb("clock", "Show the simulation clock; pause, resume, step or rate change it.", (c, _, ct) => c.ClockAsync(ct), RenderClock);
        clock.Subcommands.Add(Verb("pause", "Stop virtual time.", (c, _, ct) => c.PauseAsync(ct), RenderClock));
        clock.Subcommands.Add(Verb("resume", "Let virtual time run again.", (c, _, ct) => c.ResumeAsync(ct), RenderClock));
        clock.Subcommands.Add(Verb("step", "Advance virtual time by exactly SECONDS.", (c, p, ct) => c.StepAsync(p.GetValue(seconds), ct), RenderClock, seconds));
        clock.Subcommands.Add(Verb("rate", "Set virtual seconds per real second.", (c, p, ct) => c.RateAsync(p.GetValue(rate), ct), RenderClock, rate));

        var fault = new Argument<string[]>("fault")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "TYPE TARGET key=value … (the keys of a faults: entry; on.command=PA= on.count=5 for an event start), or one JSON object.",
        };
        var faultName = new Argument<string>("name") { Description = "A fault's name (see `faults`)." };
        var faults = Verb("faults", "List the faults injected or declared; inject, clear, or list the types.", (c, _, ct) => c.FaultsAsync(ct), RenderFaults);
        faults.Subcommands.Add(Verb("list", "List the faults: state, start, duration, when each fired and cleared (twin seconds).", (c, _, ct) => c.FaultsAsync(ct), RenderFaults));
        faults.Subcommands.Add(Verb("types", "The fault types: what each hits in this beamline, its parameters.", (c, _, ct) => c.FaultTypesAsync(ct), RenderFaultTypes));
        faults.Subcommands.Add(Verb("inject", "Arm one fault, e.g. `inject drop tx_ctrl percent=50 for=2` or `inject stall tx on.command=PA= on.count=5`.",
            (c, p, ct) => Inject(c, p.GetValue(fault)!, ct), RenderFault, fault));
        faults.Subcommands.Add(Verb("clear", "End one fault now (an armed one never fires).", (c, p, ct) => c.ClearFaultAsync(p.GetValue(faultName)!, ct), RenderFault, faultName));
        faults.Subcommands.Add(Verb("clear-all", "End every armed and active fault.", (c, _, ct) => c.ClearAllFaultsAsync(ct), RenderFaults));

        var endpoint = new Argument<string?>("device") { Description = "A controller (or one of its axes); without it, every endpoint's count.", Arity = ArgumentArity.ZeroOrOne };
        var last = new Option<int?>("--last") { Description = "Only the newest N exchanges." };
        var keep = new Option<int?>("--keep") { Description = "Keep the newest N exchanges of DEVICE from now on (instead of showing them)." };
        var transcript = Verb("transcript", "The last exchanges DEVICE saw on its wire (twin seconds, request → reply), or with --keep N how many it keeps.",
            (c, p, ct) => (p.GetValue(endpoint), p.GetValue(keep)) switch
            {
                (null, null) => c.TranscriptsAsync(ct),
                (null, _) => throw new UsageException("--keep needs a DEVICE: which endpoint's transcript to resize"),
                ({ } d, null) => c.TranscriptAsync(d, p.GetValue(last), ct),
                ({ } d, { } n) => c.TranscriptCapacityAsync(d, n, ct),
            }, RenderTranscript, endpoint);
        transcript.Options.Add(last);
        transcript.Options.Add(keep);

        var ctl = new Command("ctl", "Inspect and change a running twin through its control API (devices, state, clock, metrics, faults, wire transcripts).") { url, token, json };
        ctl.Subcommands.Add(Verb("devices", "List the twin's devices.", (c, _, ct) => c.DevicesAsync(ct), RenderDevices));
        ctl.Subcommands.Add(Verb("get", "Show a device's simulated state.", (c, p, ct) => c.GetAsync(p.GetValue(device)!, ct), RenderState, device));
        ctl.Subcommands.Add(Verb("set", "Set one key of a device's state, e.g. `set m1 position 1000`.",
            (c, p, ct) => c.SetAsync(p.GetValue(device)!, p.GetValue(key)!, p.GetValue(value)!, ct), RenderState, device, key, value));
        ctl.Subcommands.Add(clock);
        ctl.Subcommands.Add(Verb("metrics", "Requests, errors and latency of every endpoint on its device protocol.", (c, _, ct) => c.MetricsAsync(ct), RenderMetrics));
        ctl.Subcommands.Add(faults);
        ctl.Subcommands.Add(transcript);
        return ctl;
    }

    // A URL, or the .control file `twin serve` wrote beside the beamline file.
    private static Uri Target(string text)
    {
        if (!text.Contains("://", StringComparison.Ordinal) && File.Exists(text)) text = File.ReadLines(text).FirstOrDefault()?.Trim() ?? "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        throw new UsageException($"'{text}' is neither a control API URL (http://127.0.0.1:PORT, as `testbed twin serve` prints it) nor a .control file holding one");
    }

    private static void RenderDevices(JsonElement devices)
    {
        var rows = devices.EnumerateArray().Select(d => new[] { Text(d, "name"), Text(d, "kind"), Text(d, "address") }).ToList();
        Table(["DEVICE", "KIND", "ADDRESS"], rows);
    }

    private static void RenderState(JsonElement report)
    {
        Console.WriteLine($"{Text(report, "name")} ({Text(report, "kind")}){(Text(report, "address") is { Length: > 0 } a ? $" at {a}" : "")}");
        var state = report.GetProperty("state");
        var width = state.EnumerateObject().Select(p => p.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var p in state.EnumerateObject()) Console.WriteLine($"  {p.Name.PadRight(width)}  {Value(p.Value)}");
        var settable = report.GetProperty("settable").EnumerateArray().Select(k => k.GetString()).ToList();
        Console.WriteLine(settable.Count == 0 ? "  (nothing settable)" : $"  settable: {string.Join(", ", settable)}");
    }

    private static void RenderClock(JsonElement clock) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"virtual time {clock.GetProperty("elapsed_seconds").GetDouble():0.######} s, {(clock.GetProperty("paused").GetBoolean() ? "paused" : "running")}, rate {clock.GetProperty("rate").GetDouble():0.###}, {clock.GetProperty("pending_timers").GetInt32()} timer(s) pending"));

    private static void RenderMetrics(JsonElement endpoints)
    {
        var rows = endpoints.EnumerateArray().Select(e =>
        {
            var m = e.GetProperty("metrics");
            return new[]
            {
                Text(e, "name"), Text(e, "kind"), m.GetProperty("requests").GetInt64().ToString(CultureInfo.InvariantCulture),
                m.GetProperty("errors").GetInt64().ToString(CultureInfo.InvariantCulture),
                m.GetProperty("mean_latency_microseconds").GetDouble().ToString("0.#", CultureInfo.InvariantCulture), Percentile(m, 0.99),
            };
        }).ToList();
        Table(["DEVICE", "KIND", "REQUESTS", "ERRORS", "MEAN µs", "p99 ≤ µs"], rows);
    }

    // The bound of the bucket holding the q-th request: an upper bound of that percentile.
    private static string Percentile(JsonElement metrics, double q)
    {
        var total = metrics.GetProperty("requests").GetInt64();
        if (total == 0) return "-";
        long seen = 0;
        foreach (var b in metrics.GetProperty("latency").EnumerateArray())
        {
            seen += b.GetProperty("count").GetInt64();
            if (seen >= q * total) return b.GetProperty("up_to_microseconds") is { ValueKind: JsonValueKind.Number } up ? up.GetDouble().ToString(CultureInfo.InvariantCulture) : "more";
        }
        return "more";
    }

    private static void Table(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header)) Console.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? Value(v) : "";

    private static string Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Null => "-",
        JsonValueKind.Array => v.GetArrayLength() == 0 ? "(none)" : string.Join(", ", v.EnumerateArray().Select(Value)),
        _ => v.GetRawText(),
    };
}
