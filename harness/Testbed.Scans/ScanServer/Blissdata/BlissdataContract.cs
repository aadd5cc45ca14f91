using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Blissdata;

/// <summary>How the scan server tells the device server which blissdata streams it writes (docs/decisions/0010): the ScanStatusMessage at
/// <c>info/public/&lt;scan_id&gt;/scan_info</c>, SET at open before the first instruction that follows open, carries
/// <c>info["blissdata"] = {"key": scan key, "url": blissdata Redis, "streams": {device: {signal: stream name}}}</c>.</summary>
/// <remarks>The device server GETs it at the first instruction of a scan_id that comes after open (stage) — retrying at later
/// instructions while it is absent —, loads the scan, opens one writer per stream (<c>ScanStream.OpenWriter()</c>), sends each
/// reading of a monitored <c>read</c> (point_id = stream index) and each camera frame announcement, and flushes and seals its streams
/// before it acknowledges <c>complete</c>. Streams left open (abort, error) are sealed by the scan server when it closes the scan.</remarks>
public sealed record BlissdataContract(string Key, string Url, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Streams)
{
    /// <summary>The key of ScanStatusMessage.info that holds the contract.</summary>
    public const string InfoKey = "blissdata";

    public BecMap ToMap()
    {
        var streams = new BecMap();
        foreach (var (device, signals) in Streams)
        {
            var s = new BecMap();
            foreach (var (signal, stream) in signals) s.Add(signal, stream);
            streams.Add(device, s);
        }
        return new BecMap { ["key"] = Key, ["url"] = Url, ["streams"] = streams };
    }

    /// <summary>The contract of a scan, or null when the scan is not published with blissdata.</summary>
    public static BlissdataContract? Of(ScanStatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Info.GetOrNull(InfoKey) is not BecMap m || m.GetOrNull("key") is not BecStr key || m.GetOrNull("url") is not BecStr url) return null;
        var streams = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (m.GetOrNull("streams") is BecMap devices)
            foreach (var (device, signals) in devices.Entries)
                if (signals is BecMap sm)
                    streams[device.AsString()] = sm.Entries.ToDictionary(e => e.Key.AsString(), e => e.Value.AsString(), StringComparer.Ordinal);
        return new BlissdataContract(key.Value, url.Value, streams);
    }
}
