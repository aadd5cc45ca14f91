using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Info;
using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.ScanServer.Blissdata;

/// <summary>The blissdata scan_info (blissdata.md §8) of a BEC step scan, as BLISS would write it for the same scan: title = BLISS's
/// command line, type ascan/dscan/amesh/ct/loopscan; the motors' axis device is the top master and triggers a timer, which triggers
/// every counter controller and camera (a scan without motors starts at the timer).</summary>
public static class BecScanInfo
{
    public static ScanIdentity Identity(StepJob job, long number, string session) => new(job.BlissType, number, "no_policy") { Session = session };

    /// <param name="job">The scan.</param>
    /// <param name="streams">Its streams.</param>
    /// <param name="number">Scan number (= BEC's).</param>
    /// <param name="session">blissdata session.</param>
    /// <param name="scanId">BEC scan_id (kept in scan_info as bec_scan_id).</param>
    /// <param name="positioners">Every positioner's position and unit at the start (scan_info.positioners).</param>
    /// <param name="masterFile">The BEC master file the file writer writes (scan_info.filename).</param>
    /// <param name="time">Clock for start_time.</param>
    public static JsonObject Build(StepJob job, IReadOnlyList<AssignedStream> streams, long number, string session, string scanId,
        IReadOnlyList<(string Name, double? Position, string? Unit)> positioners, string masterFile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(positioners);
        var counters = streams.Where(s => s.Kind == StreamKind.Counter).ToList();
        var images = streams.Where(s => s.Kind == StreamKind.Image).ToList();
        var axes = streams.Where(s => s.Kind == StreamKind.Axis).ToList();
        var controllers = counters.GroupBy(c => c.Name[..c.Name.IndexOf(':', StringComparison.Ordinal)]).ToList();
        var triggered = controllers.Select(g => g.Key).Concat(images.Select(i => i.Device)).Distinct().ToList();
        var b = new ScanInfoBuilder(Identity(job, number, session), job.Title, job.Readouts, time, filename: masterFile)
            .Set("count_time", job.ExpTime)
            .Set("sleep_time", job.SleepPerPoint > 0 ? job.SleepPerPoint : null)
            .Set("stab_time", job.SettlingTime > 0 ? job.SettlingTime : null)
            .Set("publisher", "testbed scan server")
            .Set("bec_scan_id", scanId)
            .Set("bec_scan_name", job.ScanName)
            // Which BEC device and signal each channel holds: the NeXus writer's scan history entry names them so (stored_data_info).
            .Set("bec_signals", new JsonObject(streams.Select(s => KeyValuePair.Create(s.Name,
                (JsonNode?)new JsonObject { ["device"] = s.Device, ["signal"] = s.Signal }))))
            .Set("positioners", new JsonObject
            {
                ["positioners_start"] = new JsonObject(positioners.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Position))),
                ["positioners_units"] = new JsonObject(positioners.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Unit))),
            });
        if (job.MeshShape is { } mesh)
        {
            b.Set("data_dim", mesh.Count);
            for (var i = 0; i < mesh.Count; i++) b.Set($"npoints{i + 1}", mesh[i]);
        }
        var top = job.Motors.Count > 0 ? "axis" : "timer";
        if (top == "axis") b.Device("axis", axes.Select(a => a.Name), triggered: ["timer"]);
        else foreach (var a in axes) b.Device($"axis_{a.Device}", [a.Name]);
        b.Device("timer", [], triggered: triggered);
        foreach (var g in controllers) b.Device(g.Key, g.Select(c => c.Name));
        foreach (var i in images) b.Device(i.Device, [i.Name], type: "lima");
        foreach (var a in axes) b.Channel(a.Name, 0, a.Device, unit: a.Unit, decimals: 4);
        foreach (var c in counters) b.Channel(c.Name, 0, c.Device, unit: c.Unit);
        foreach (var i in images) b.Channel(i.Name, 2, "image");
        var chain = new List<string>();
        if (top == "axis") chain.Add("timer");
        else chain.AddRange(axes.Select(a => $"axis_{a.Device}"));
        chain.AddRange(triggered);
        b.Chain(top, chain);
        if (job.Motors.Count > 0)
            foreach (var c in counters) b.CurvePlot(StepScanInfoAxis(job), c.Name);
        foreach (var i in images) b.ImagePlot(i.Name);
        if (counters.Count > 0) b.Set("display_extra", new JsonObject { ["plotselect"] = new JsonArray(counters[0].Name) });
        if (images.Count > 0) b.Set("images_path", Path.GetDirectoryName(images[0].Lima!.FilePathTemplate));
        return b.Build();
    }

    /// <summary>Positions at the end, added before CLOSED (the only later moment scan_info may change).</summary>
    public static void AddEnd(JsonObject info, IReadOnlyList<(string Name, double? Position, string? Unit)> positioners)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(positioners);
        if (info["positioners"] is JsonObject p)
            p["positioners_end"] = new JsonObject(positioners.Select(x => KeyValuePair.Create(x.Name, (JsonNode?)x.Position)));
    }

    private static string StepScanInfoAxis(StepJob job) => Publishing.StepScanInfo.AxisStream(job.Motors[0]);
}
