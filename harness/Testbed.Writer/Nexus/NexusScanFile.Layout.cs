using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Reading;
using Testbed.Writer.Hdf5;

namespace Testbed.Writer.Nexus;

public sealed partial class NexusScanFile
{
    /// <summary>Everything known at PREPARED: the entry, its metadata, one growing data set per numeric channel, links, plotselect.</summary>
    private void Layout(Scan scan)
    {
        var info = scan.Info;
        _file.Group(Entry, "NXentry");
        _file.Attribute(Entry, "scan_key", scan.Key);
        _file.Attribute(Entry, "default", "plotselect");
        _file.Text($"{Entry}/title", Text(info["title"]) ?? scan.Name);
        _file.Text($"{Entry}/start_time", Text(info["start_time"]) ?? "");
        _file.Group($"{Entry}/instrument", "NXinstrument");
        _file.Group($"{Entry}/measurement", "NXcollection");
        _file.Group($"{Entry}/instrument/positioners", "NXcollection");
        Positions($"{Entry}/instrument/positioners_start", info["positioners"]?["positioners_start"] as JsonObject, info);
        var devices = info["devices"] as JsonObject;
        foreach (var p in Places)
        {
            var group = Instrument(p);
            _file.Group(group, p.Role == ChannelRole.Positioner ? "NXpositioner" : "NXdetector");
            _file.Text($"{group}/name", p.Stream.Name);
            Metadata(group, DeviceOf(devices, p.Stream.Name));
            if (p.Role == ChannelRole.Frames) continue;
            var ds = GrowingDataset.Create(_file, $"{group}/{p.Field}", p.Stream.DTypeName, p.Stream.Shape, ItemSize(p.Stream), p.Units);
            _data[p.Stream] = ds;
            _file.Link(ds.Path, $"{Entry}/measurement/{p.Name}");
            if (p.Role == ChannelRole.Positioner) _file.Link(ds.Path, $"{Entry}/instrument/positioners/{p.Name}");
        }
        PlotSelect(info);
        BecCollection(scan);
    }

    /// <summary>At the end: positioners_end, frames, end_time and end_reason — the last written, so an entry with end_time is complete.</summary>
    public void Finish(Scan scan, IReadOnlyDictionary<ScanStream, IReadOnlyList<VirtualSource>> frames, int framesHeight, int framesWidth)
    {
        EndSwmr();
        var info = scan.Info;
        var end = $"{Entry}/instrument/positioners_end";
        if (!_file.Exists(end)) Positions(end, info["positioners"]?["positioners_end"] as JsonObject, info);
        foreach (var p in Places.Where(p => p.Role == ChannelRole.Frames))
        {
            var at = $"{Instrument(p)}/data";
            if (!frames.TryGetValue(p.Stream, out var sources) || sources.Count == 0 || _file.Exists(at)) continue;
            var shape = p.Stream.Shape;
            _file.Virtual(at, p.Stream.DTypeName, shape.Length == 2 ? shape[0] : framesHeight, shape.Length == 2 ? shape[1] : framesWidth, sources);
            _file.Link(at, $"{Entry}/measurement/{p.Name}");
        }
        BecCollectionEnd(scan);
        _file.Text($"{Entry}/end_reason", Text(info["end_reason"]) ?? "UNKNOWN");
        _file.Text($"{Entry}/end_time", Text(info["end_time"]) ?? "");
        _file.Flush();
    }

    private void Positions(string group, JsonObject? values, JsonObject info)
    {
        _file.Group(group, "NXcollection");
        if (values is null) return;
        var units = info["positioners"]?["positioners_units"] as JsonObject;
        foreach (var (axis, v) in values)
        {
            if (v is not JsonValue jv || !jv.TryGetValue<double>(out var x)) continue;
            _file.Number($"{group}/{axis}", x, Text(units?[axis]) is { Length: > 0 } u ? u : null);
        }
    }

    /// <summary>The device whose <c>channels</c> list the stream (scan_info.devices, §8.2).</summary>
    private static JsonObject? DeviceOf(JsonObject? devices, string stream) =>
        devices?.Select(d => d.Value as JsonObject).FirstOrDefault(d => d?["channels"] is JsonArray a && a.Any(c => Text(c) == stream));

    /// <summary>The device's metadata (numbers and strings) as data sets beside the channel's data.</summary>
    private void Metadata(string group, JsonObject? device)
    {
        if (device?["metadata"] is not JsonObject meta) return;
        foreach (var (key, v) in meta)
        {
            if (key is "name" or "data" or "value" || v is not JsonValue jv) continue;
            if (jv.TryGetValue<string>(out var s)) _file.Text($"{group}/{key}", s);
            else if (jv.TryGetValue<double>(out var x)) _file.Number($"{group}/{key}", x);
        }
    }

    /// <summary>The default plot (NXdata): the first plotselect channel (else the first counter) against the first positioner — or, for
    /// a mesh (scan_info <c>data_dim</c> ≥ 2), against as many positioners as it has dimensions: a 1-D signal with several 1-D axes
    /// of its length, which silx draws as a scatter map of the grid.</summary>
    private void PlotSelect(JsonObject info)
    {
        var selected = (info["display_extra"]?["plotselect"] as JsonArray)?.Select(Text).FirstOrDefault();
        var signal = Places.FirstOrDefault(p => p.Stream.Name == selected && p.Role == ChannelRole.Counter)
                     ?? Places.FirstOrDefault(p => p.Role == ChannelRole.Counter && p.Stream.Shape.Length == 0);
        var dims = info["data_dim"] is JsonValue v && v.TryGetValue<int>(out var d) ? d : 1;
        var positioners = Places.Where(p => p.Role == ChannelRole.Positioner && p.Name != signal?.Name).ToList();
        var axes = positioners.Take(dims >= 2 && positioners.Count >= dims && signal?.Stream.Shape.Length == 0 ? dims : 1).ToList();
        var group = $"{Entry}/plotselect";
        _file.Group(group, "NXdata");
        if (signal is null) return;
        _file.Attribute(group, "signal", signal.Name);
        _file.Link($"{Instrument(signal)}/data", $"{group}/{signal.Name}");
        if (axes.Count == 0) return;
        if (axes.Count == 1) _file.Attribute(group, "axes", axes[0].Name);
        else _file.Attribute(group, "axes", axes.Select(a => a.Name).ToList());
        foreach (var a in axes) _file.Link($"{Instrument(a)}/value", $"{group}/{a.Name}");
    }

    /// <summary>Blocks of consecutive frames per file, from the lima stream's <c>lima_info</c> (§7.1), file names relative to this file's folder when below it.</summary>
    public IReadOnlyList<VirtualSource> FrameSources(ScanStream lima, long frames)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        var sources = new List<VirtualSource>();
        for (long f = 0; f < frames; f++)
        {
            var r = Blissdata.Reading.Lima.Reference(lima, f);
            var full = System.IO.Path.GetFullPath(r.File, folder);
            var rel = System.IO.Path.GetRelativePath(folder, full);
            var file = rel.StartsWith("..", StringComparison.Ordinal) ? full : rel;
            if (sources.Count > 0 && sources[^1] is var last && last.File == file && last.Dataset == r.DataPath && last.First + last.Count == r.IndexInFile)
                sources[^1] = last with { Count = last.Count + 1 };
            else sources.Add(new VirtualSource(file, r.DataPath, r.IndexInFile, 1));
        }
        return sources;
    }

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
