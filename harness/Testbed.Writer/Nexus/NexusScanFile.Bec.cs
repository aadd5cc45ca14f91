using System.Text.Json.Nodes;
using Testbed.Blissdata.Reading;

namespace Testbed.Writer.Nexus;

public sealed partial class NexusScanFile
{
    private const string BecEntry = "/entry";

    /// <summary>BEC's layout beside blisswriter's, for a scan whose scan_info maps its channels to BEC devices and signals
    /// (<c>bec_signals</c>, our scan server's): <c>/entry/collection/devices/&lt;device&gt;/&lt;signal&gt;/value</c> hard-linked to the same
    /// data sets (no copy) and <c>/entry/collection/metadata</c>, where BEC's readers look. One per file: BEC has a master file per scan.</summary>
    private void BecCollection(Scan scan)
    {
        if (scan.Info["bec_signals"] is not JsonObject names || _file.Exists(BecEntry)) return;
        _file.Group(BecEntry, "NXentry");
        _file.Group($"{BecEntry}/collection", "NXcollection");
        _file.Group($"{BecEntry}/collection/devices", "NXcollection");
        foreach (var p in Places.Where(p => p.Role != ChannelRole.Frames))
        {
            if (names[p.Stream.Name] is not JsonObject o || Text(o["device"]) is not { Length: > 0 } device || Text(o["signal"]) is not { Length: > 0 } signal) continue;
            var at = $"{BecEntry}/collection/devices/{device}";
            if (!_file.Exists(at)) _file.Group(at, "NXcollection");
            if (_file.Exists($"{at}/{signal}")) continue;
            _file.Group($"{at}/{signal}", "NXcollection");
            _file.Link($"{Instrument(p)}/{p.Field}", $"{at}/{signal}/value");
        }
        var meta = $"{BecEntry}/collection/metadata";
        _file.Group(meta, "NXcollection");
        _file.Attribute(meta, "scan_key", scan.Key);
        if (Text(scan.Info["bec_scan_id"]) is { } id) _file.Text($"{meta}/scan_id", id);
        _file.Integer($"{meta}/scan_number", scan.Number);
        _file.Text($"{meta}/scan_name", Text(scan.Info["bec_scan_name"]) ?? scan.Name);
    }

    /// <summary>At the end: BEC's exit status and the number of points, in the BEC layout's metadata (when the file has it for this scan).</summary>
    private void BecCollectionEnd(Scan scan)
    {
        var meta = $"{BecEntry}/collection/metadata";
        if (!_file.Exists(meta) || _file.ReadAttribute(meta, "scan_key") != scan.Key || _file.Exists($"{meta}/exit_status")) return;
        _file.Integer($"{meta}/num_points", _data.Values.Select(d => d.Length).DefaultIfEmpty(0).Max());
        _file.Text($"{meta}/exit_status", BecExitStatus(Text(scan.Info["end_reason"])));
    }

    /// <summary>BEC's exit status for a blissdata end_reason: our scan server closes a BEC scan that ended well (closed, user_completed)
    /// with SUCCESS, and an aborted, halted or failed one otherwise; the file is finished before its final ScanStatusMessage.</summary>
    public static string BecExitStatus(string? endReason) => endReason == "SUCCESS" ? "closed" : "aborted";
}
