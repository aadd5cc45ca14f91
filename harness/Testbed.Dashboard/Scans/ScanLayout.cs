using System.Text.Json.Nodes;
using Testbed.Blissdata.Reading;

namespace Testbed.Dashboard.Scans;

/// <summary>Which streams of a scan are plotted how: the motor (x), the scalar channels against it, the 2D detectors.</summary>
/// <param name="Motor">The x stream: the <c>x</c> of the first curve plot of scan_info, else the first <c>axis:</c> stream, else null (points by index).</param>
/// <param name="Curves">Scalar numeric streams plotted against the motor (other axes only when there is nothing else).</param>
/// <param name="Images">Detector streams (lima files or 2D points).</param>
public sealed record ScanLayout(string? Motor, IReadOnlyList<string> Curves, IReadOnlyList<string> Images)
{
    /// <summary>The layout of a PREPARED (or later) scan; a stream whose plugin this reader lacks is left out.</summary>
    public static ScanLayout Of(Scan scan)
    {
        var usable = scan.Streams.Values.Where(s => s.PluginProblem is null).ToList();
        var scalars = usable.Where(s => s.Plugin is null && s.Shape.Length == 0 && s.DTypeName != "object")
            .Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var images = usable.Where(s => s.Plugin == "lima" || (s.Plugin is null && s.Shape.Length == 2))
            .Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var motor = PlotX(scan.Info) is { } x && scalars.Contains(x) ? x
            : scalars.FirstOrDefault(n => n.StartsWith("axis:", StringComparison.Ordinal));
        // Other axes (positioners recorded at each point) are not what a user plots against the motor, unless nothing else is there.
        var counters = scalars.Where(n => n != motor && !n.StartsWith("axis:", StringComparison.Ordinal)).ToList();
        return new ScanLayout(motor, counters.Count > 0 ? counters : scalars.Where(n => n != motor).ToList(), images);
    }

    private static string? PlotX(JsonObject info) =>
        (info["plots"] as JsonArray)?.OfType<JsonObject>()
            .Where(p => ScanSummary.Text(p["kind"]) == "curve-plot")
            .SelectMany(p => (p["items"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(i => ScanSummary.Text(i["x"])).FirstOrDefault(x => x is not null);
}
