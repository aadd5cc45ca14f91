using System.Text.Json.Nodes;
using Testbed.Blissdata.Reading;

namespace Testbed.Dashboard.Scans;

/// <summary>One line of the scan list: key, name, number, title, state, planned points and end reason.</summary>
public sealed record ScanSummary(string Key, string Name, long Number, string? Title, string State, long? Npoints, string? EndReason, string? StartTime)
{
    public static ScanSummary Of(Scan scan) => new(
        scan.Key, scan.Name, scan.Number, Text(scan.Info["title"]), scan.State.ToString().ToUpperInvariant(),
        Long(scan.Info["npoints"]), Text(scan.Info["end_reason"]), Text(scan.Info["start_time"]));

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static long? Long(JsonNode? node) =>
        node is not JsonValue v ? null : v.TryGetValue<long>(out var l) ? l : v.TryGetValue<double>(out var d) ? (long)d : null;
}
