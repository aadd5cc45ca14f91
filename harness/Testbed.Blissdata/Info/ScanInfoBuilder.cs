using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;

namespace Testbed.Blissdata.Info;

/// <summary>Builds a scan_info dict with the keys BLISS writes and Flint/blisswriter read (§8): top level, chain, devices, channels, plots.</summary>
public sealed class ScanInfoBuilder
{
    private readonly JsonObject _info;
    private readonly JsonObject _chain = [];
    private readonly JsonObject _devices = [];
    private readonly JsonObject _channels = [];
    private readonly JsonArray _plots = [];

    /// <summary>Top-level keys from the identity (type, name, scan_nb as BLISS repeats them); save=true asks writers to save to filename.</summary>
    public ScanInfoBuilder(ScanIdentity identity, string title, long npoints, TimeProvider time, bool save = false, string? filename = null)
    {
        _info = new JsonObject
        {
            ["title"] = title,
            ["type"] = identity.Name,
            ["name"] = $"{identity.Number}_{identity.Name}",
            ["scan_nb"] = identity.Number,
            ["npoints"] = npoints,
            ["session_name"] = identity.Session,
            ["user_name"] = Environment.UserName,
            ["data_policy"] = identity.DataPolicy,
            ["data_writer"] = save ? "nexus" : "null",
            ["writer_options"] = new JsonObject { ["chunk_options"] = new JsonObject(), ["separate_scan_files"] = false },
            ["publisher"] = "testbed",
            ["publisher_version"] = typeof(ScanInfoBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            ["save"] = save,
            ["filename"] = filename ?? identity.Path,
            ["start_time"] = Publishing.PublishedScan.IsoNow(time),
        };
    }

    /// <summary>Sets any other top-level key (count_time, images_path, display_extra, positioners, …).</summary>
    public ScanInfoBuilder Set(string key, JsonNode? value)
    {
        _info[key] = value;
        return this;
    }

    /// <summary>A device of <c>devices</c>: its channels (stream names) and the devices it triggers.</summary>
    public ScanInfoBuilder Device(string key, IEnumerable<string> channels, IEnumerable<string>? triggered = null, string? type = null)
    {
        var d = new JsonObject { ["name"] = key, ["channels"] = Strings(channels) };
        if (triggered is not null) d["triggered_devices"] = Strings(triggered);
        if (type is not null) d["type"] = type;
        _devices[key] = d;
        return this;
    }

    /// <summary>The display metadata of a stream in <c>channels</c>: dim 0/1/2 and optional name, unit, decimals.</summary>
    public ScanInfoBuilder Channel(string stream, int dim, string? displayName = null, string? unit = null, int? decimals = null)
    {
        var c = new JsonObject { ["dim"] = dim, ["display_name"] = displayName ?? stream[(stream.LastIndexOf(':') + 1)..] };
        if (unit is not null) c["unit"] = unit;
        if (decimals is not null) c["decimals"] = decimals;
        _channels[stream] = c;
        return this;
    }

    /// <summary>An acquisition chain from <paramref name="topMaster"/>; devices must be declared with <see cref="Device"/> first.</summary>
    public ScanInfoBuilder Chain(string topMaster, IReadOnlyList<string> devices)
    {
        var ordered = new[] { topMaster }.Concat(devices.Where(d => d != topMaster)).ToList();
        List<string> Kind(IEnumerable<string> devs, int dim) => devs
            .SelectMany(d => (_devices[d]?["channels"] as JsonArray ?? []).Select(n => (string)n!))
            .Where(ch => (int?)_channels[ch]?["dim"] == dim).ToList();
        var others = ordered.Skip(1).ToList();
        _chain[topMaster] = new JsonObject
        {
            ["top_master"] = topMaster,
            ["devices"] = Strings(ordered),
            ["scalars"] = Strings(Kind(others, 0)),
            ["spectra"] = Strings(Kind(others, 1)),
            ["images"] = Strings(Kind(others, 2)),
            ["master"] = new JsonObject
            {
                ["scalars"] = Strings(Kind([topMaster], 0)),
                ["spectra"] = Strings(Kind([topMaster], 1)),
                ["images"] = Strings(Kind([topMaster], 2)),
            },
        };
        return this;
    }

    public ScanInfoBuilder CurvePlot(string x, string y, string? name = null)
    {
        var p = new JsonObject { ["kind"] = "curve-plot", ["items"] = new JsonArray(new JsonObject { ["kind"] = "curve", ["x"] = x, ["y"] = y }) };
        if (name is not null) p["name"] = name;
        _plots.Add(p);
        return this;
    }

    public ScanInfoBuilder ImagePlot(string image, string? name = null)
    {
        var p = new JsonObject { ["kind"] = "image-plot", ["items"] = new JsonArray(new JsonObject { ["kind"] = "image", ["image"] = image }) };
        if (name is not null) p["name"] = name;
        _plots.Add(p);
        return this;
    }

    public JsonObject Build()
    {
        var info = (JsonObject)_info.DeepClone();
        info["acquisition_chain"] = _chain.DeepClone();
        info["devices"] = _devices.DeepClone();
        info["channels"] = _channels.DeepClone();
        info["plots"] = _plots.DeepClone();
        return info;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
