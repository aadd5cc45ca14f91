using System.Globalization;
using System.Text.Json;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed twin ctl URL transcript …</c>: rendering of the transcript routes.</summary>
internal static partial class TwinCtl
{
    // One reply shape per route: the list (an array), one endpoint's exchanges, or a capacity change (a summary).
    private static void RenderTranscript(JsonElement reply)
    {
        if (reply.ValueKind == JsonValueKind.Array)
        {
            Table(["DEVICE", "ADDRESS", "RECORDED", "KEPT"], [.. reply.EnumerateArray().Select(e => new[]
                { Text(e, "name"), Text(e, "address"), Text(e, "recorded"), Text(e, "capacity") })]);
            return;
        }
        var exchanges = reply.TryGetProperty("exchanges", out var x) ? x.EnumerateArray().ToList() : null;
        var recorded = reply.GetProperty("recorded").GetInt64();
        if (exchanges is null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Text(reply, "name")} ({Text(reply, "address")}) keeps the last {Text(reply, "capacity")} exchanges ({recorded} recorded)"));
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Text(reply, "name")} ({Text(reply, "address")}): last {exchanges.Count} of {recorded} exchanges (twin time since serving began; keeps {Text(reply, "capacity")})"));
        foreach (var e in exchanges) Console.WriteLine("  " + Text(e, "line"));
    }
}
