using System.Globalization;
using System.Text.Json;
using Testbed.Cli.Shell;
using Testbed.Twin.Host.Control;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed twin ctl URL faults …</c>: rendering of the fault routes.</summary>
internal static partial class TwinCtl
{
    // The words are turned into the body by the client; a word it cannot read is the user's to fix (exit 2).
    private static Task<JsonElement> Inject(ControlClient client, string[] words, CancellationToken ct)
    {
        try { return client.InjectAsync(words, ct); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    private static void RenderFaults(JsonElement faults)
    {
        if (faults.GetArrayLength() == 0)
        {
            Console.WriteLine("no faults (inject one with `faults inject TYPE TARGET key=value …`; `faults types` lists them)");
            return;
        }
        var rows = faults.EnumerateArray().Select(f => new[]
        {
            Text(f, "name"), Text(f, "type"), Text(f, "target"), Start(f.GetProperty("start")), Seconds(f.GetProperty("duration"), "until cleared"),
            Text(f, "state"), Seconds(f.GetProperty("fired_at"), "-"), Seconds(f.GetProperty("cleared_at"), "-"), Parameters(f.GetProperty("parameters")),
        }).ToList();
        Table(["NAME", "TYPE", "TARGET", "START", "FOR", "STATE", "FIRED s", "CLEARED s", "PARAMETERS"], rows);
    }

    private static void RenderFault(JsonElement f)
    {
        var when = Text(f, "state") switch
        {
            "active" => $", fired at {Seconds(f.GetProperty("fired_at"), "-")} s",
            "over" or "cleared" when f.GetProperty("fired_at").ValueKind == JsonValueKind.Number =>
                $", fired at {Seconds(f.GetProperty("fired_at"), "-")} s, ended at {Seconds(f.GetProperty("cleared_at"), "-")} s",
            "cleared" => ", never fired",
            _ => "",
        };
        Console.WriteLine($"{Text(f, "name")}: {Text(f, "state")}{when} ({Text(f, "description")})");
    }

    private static void RenderFaultTypes(JsonElement types)
    {
        var rows = types.EnumerateArray().Select(t => new[]
        {
            Text(t, "name"), Text(t, "scope"),
            string.Join(", ", t.GetProperty("parameters").EnumerateArray().Select(Parameter)) is { Length: > 0 } p ? p : "-",
            Text(t, "targets") is { Length: > 0 } targets and not "(none)" ? targets : $"(none here: hits {Text(t, "classes")})",
        }).ToList();
        Table(["TYPE", "SCOPE", "PARAMETERS", "TARGETS"], rows);
    }

    private static string Parameter(JsonElement p)
    {
        var range = p.GetProperty("allowed") is { ValueKind: JsonValueKind.Array } allowed
            ? string.Join("|", allowed.EnumerateArray().Select(a => a.GetString()))
            : $"{Value(p.GetProperty("min"))}…{Value(p.GetProperty("max"))}";
        return $"{Text(p, "key")} {range} ({(p.GetProperty("default").ValueKind == JsonValueKind.Null ? "required" : Value(p.GetProperty("default")))})";
    }

    private static string Start(JsonElement start)
    {
        if (start.GetProperty("at") is { ValueKind: JsonValueKind.Number } at) return $"at {Seconds(at, "0")} s";
        var on = start.GetProperty("on");
        return on.GetProperty("frame").ValueKind == JsonValueKind.Number
            ? $"frame {Value(on.GetProperty("frame"))} of {Text(on, "device")}"
            : $"{Text(on, "command")} #{Value(on.GetProperty("count"))} of {Text(on, "device")}";
    }

    private static string Parameters(JsonElement parameters) =>
        parameters.EnumerateObject().Any() ? string.Join(" ", parameters.EnumerateObject().Select(p => $"{p.Name}={Value(p.Value)}")) : "-";

    private static string Seconds(JsonElement v, string none) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : none;
}
