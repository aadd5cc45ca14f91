using System.Text.Json.Nodes;
using Testbed.Blissdata.Kinds;
using Testbed.Blissdata.Reading;

namespace Testbed.Writer.Nexus;

/// <summary>What a channel is in the NeXus file.</summary>
public enum ChannelRole
{
    /// <summary><c>axis:&lt;name&gt;</c>: NXpositioner <c>value</c>, also under <c>instrument/positioners</c>.</summary>
    Positioner,

    /// <summary>A numeric stream (scalar, spectrum, small image): NXdetector <c>data</c>, one row per point.</summary>
    Counter,

    /// <summary>A <c>lima</c> stream: NXdetector <c>data</c> as a virtual data set onto the detector's files.</summary>
    Frames,
}

/// <summary>Where one stream goes: its instrument group (named as BLISS names it) and its <c>measurement/</c> name.</summary>
public sealed record ChannelPlace(ScanStream Stream, ChannelRole Role, string Name, string? Units)
{
    /// <summary>The group under <c>instrument/</c> (and the name in <c>measurement/</c>).</summary>
    public string Group => Name;

    /// <summary>The data set in the group: <c>value</c> for positioners, else <c>data</c>.</summary>
    public string Field => Role == ChannelRole.Positioner ? "value" : "data";

    /// <summary>The places of a scan's streams, in stream order; JSON streams other than lima are not saved (blisswriter refuses them too).</summary>
    public static IReadOnlyList<ChannelPlace> Of(Scan scan)
    {
        var channels = scan.Info["channels"] as JsonObject;
        var places = new List<ChannelPlace>();
        foreach (var (name, stream) in scan.Streams)
        {
            var meta = channels?[name] as JsonObject;
            var units = (string?)(meta?["unit"] as JsonValue);
            var device = name.Contains(':') ? name[..name.IndexOf(':')] : name;
            var shortName = (string?)(meta?["display_name"] as JsonValue) is { Length: > 0 } d ? d : name[(name.LastIndexOf(':') + 1)..];
            if (stream.Kind is LimaKind) places.Add(new(stream, ChannelRole.Frames, device, units));
            else if (stream.Encoding.IsJson) continue;
            else if (device == "axis") places.Add(new(stream, ChannelRole.Positioner, shortName, units));
            else places.Add(new(stream, ChannelRole.Counter, shortName, units));
        }
        // BLISS keeps the short name unless two channels share it; then both take the full name with ':' as '_'.
        var clashes = places.GroupBy(p => p.Name).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        return [.. places.Select(p => clashes.Contains(p) ? p with { Name = p.Stream.Name.Replace(':', '_') } : p)];
    }
}
