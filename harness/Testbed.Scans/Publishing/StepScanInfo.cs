using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Info;

using Testbed.Scans.Stepping;

namespace Testbed.Scans.Publishing;

/// <summary>The scan_info of a demo step scan as BLISS writes it for an ascan (§8): the axis device is the top master, it triggers
/// a timer, which triggers every counter controller and detector; one stream per axis, counter and detector image.</summary>
public static class StepScanInfo
{
    public const string Session = "testbed";

    public static string AxisStream(string axis) => $"axis:{axis}";

    public static string ImageStream(string detector) => $"{detector}:image";

    /// <summary>BLISS's ascan command line: intervals, not points.</summary>
    public static string Title(ScanPlan plan) =>
        string.Join(' ', "ascan", plan.Motor, Number(plan.From), Number(plan.To), (plan.Points - 1).ToString(CultureInfo.InvariantCulture), Number(plan.CountTime));

    public static ScanIdentity Identity(long number) => new("ascan", number, "no_policy") { Session = Session };

    public static JsonObject Build(ScanPlan plan, TimeProvider time)
    {
        var counterDevices = plan.Counters.GroupBy(c => c.Controller).ToList();
        var triggered = counterDevices.Select(g => g.Key).Concat(plan.Detectors.Select(d => d.Detector)).ToList();
        var b = new ScanInfoBuilder(Identity(plan.Number), Title(plan), plan.Points, time)
            .Set("count_time", plan.CountTime)
            .Set("sleep_time", null)
            .Set("positioners", new JsonObject
            {
                ["positioners_start"] = Positions(plan.Axes, a => a.Position),
                ["positioners_dial_start"] = Positions(plan.Axes, a => a.Dial),
                ["positioners_units"] = new JsonObject(plan.Axes.Select(a => KeyValuePair.Create(a.Name, (JsonNode?)a.Unit))),
            })
            .Device("axis", plan.Axes.Select(a => AxisStream(a.Name)), triggered: ["timer"])
            .Device("timer", [], triggered: triggered);
        foreach (var g in counterDevices) b.Device(g.Key, g.Select(c => c.FullName));
        foreach (var d in plan.Detectors) b.Device(d.Detector, [ImageStream(d.Detector)], type: "lima");
        foreach (var a in plan.Axes) b.Channel(AxisStream(a.Name), 0, a.Name, unit: a.Unit.Length > 0 ? a.Unit : null, decimals: 4);
        foreach (var c in plan.Counters) b.Channel(c.FullName, 0, c.Name, unit: c.Unit);
        foreach (var d in plan.Detectors) b.Channel(ImageStream(d.Detector), 2, "image");
        b.Chain("axis", ["timer", .. triggered]);
        foreach (var c in plan.Counters) b.CurvePlot(AxisStream(plan.Motor), c.FullName);
        foreach (var d in plan.Detectors) b.ImagePlot(ImageStream(d.Detector));
        if (plan.Counters.Count > 0) b.Set("display_extra", new JsonObject { ["plotselect"] = new JsonArray(plan.Counters[0].FullName) });
        if (plan.Detectors.Count > 0) b.Set("images_path", Path.GetDirectoryName(plan.Detectors[0].Lima.FilePathTemplate));
        return b.Build();
    }

    /// <summary>The positioners at the end, added at close (the only later moment scan_info may change).</summary>
    public static void AddEnd(JsonObject info, IReadOnlyList<AxisSnapshot> end)
    {
        var positioners = info["positioners"]!.AsObject();
        positioners["positioners_end"] = Positions(end, a => a.Position);
        positioners["positioners_dial_end"] = Positions(end, a => a.Dial);
    }

    private static JsonObject Positions(IEnumerable<AxisSnapshot> axes, Func<AxisSnapshot, double> value) =>
        new(axes.Select(a => KeyValuePair.Create(a.Name, (JsonNode?)value(a))));

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
