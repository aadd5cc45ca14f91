using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Blissdata.Reading;

namespace Testbed.Writer.Bec;

/// <summary>The <c>info/scans/scan_history</c> entry BEC's file writer adds for each written file (what <c>bec.history</c> lists): the
/// scan's numbers, exit status and times from its final ScanStatusMessage, the file, and what each device's signals hold.</summary>
public static class BecScanHistory
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The entry for <paramref name="scan"/> written at <paramref name="path"/>. Without a final status within
    /// <paramref name="statusWait"/> (a scan server that died) the numbers, times and end come from the blissdata scan.</summary>
    public static async Task<ScanHistoryMessage> BuildAsync(BecConnector bec, Scan scan, string scanId, string path, TimeSpan statusWait, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(bec);
        ArgumentNullException.ThrowIfNull(scan);
        var status = await FinalStatusAsync(bec, scanId, statusWait, time);
        var info = scan.Info;
        var message = new ScanHistoryMessage
        {
            ScanId = scanId,
            ScanNumber = status?.ScanNumber ?? scan.Number,
            DatasetNumber = status?.DatasetNumber ?? 0,
            FilePath = path,
            ExitStatus = status is not null ? Exit(status.Status)
                : Nexus.NexusScanFile.BecExitStatus(Text(info["end_reason"])) == "closed" ? ScanExitStatus.Closed : ScanExitStatus.Aborted,
            Reason = status?.Reason,
            StartTime = Seconds(info["start_time"]) ?? status?.Timestamp ?? 0,
            EndTime = status?.Timestamp ?? Seconds(info["end_time"]) ?? 0,
            ScanName = status?.ScanName ?? Text(info["bec_scan_name"]) ?? scan.Name,
            NumPoints = status?.NumPoints ?? (info["npoints"] is JsonValue n && n.TryGetValue<long>(out var points) ? points : null),
            NumMonitoredReadouts = status?.NumMonitoredReadouts,
            StoredDataInfo = await StoredAsync(scan),
        };
        if (status?.Fields.GetOrNull("request_inputs") is BecMap inputs) message.RequestInputs = inputs;
        return message;
    }

    private static async Task<ScanStatusMessage?> FinalStatusAsync(BecConnector bec, string scanId, TimeSpan wait, TimeProvider time)
    {
        var since = time.GetTimestamp();
        while (true)
        {
            var status = await bec.GetAsync(MessageEndpoints.PublicScanInfo(scanId));
            if (status is not null && status.Status is not (ScanStatus.Open or ScanStatus.Paused)) return status;
            if (time.GetElapsedTime(since) >= wait) return null;
            await Task.Delay(Poll, time);
        }
    }

    private static ScanExitStatus Exit(ScanStatus status) => status switch
    {
        ScanStatus.Closed => ScanExitStatus.Closed,
        ScanStatus.Halted => ScanExitStatus.Halted,
        ScanStatus.UserCompleted => ScanExitStatus.UserCompleted,
        _ => ScanExitStatus.Aborted,
    };

    /// <summary>device → signal → {shape, dtype} of every numeric stream, named by scan_info.bec_signals (our scan server's), else by
    /// the channel name (<c>[axis:]device[:signal]</c>); sorted by name as BEC's writer sorts them.</summary>
    private static async Task<BecMap> StoredAsync(Scan scan)
    {
        var names = scan.Info["bec_signals"] as JsonObject;
        var stored = new SortedDictionary<string, SortedDictionary<string, StoredDataInfo>>(StringComparer.Ordinal);
        foreach (var (channel, stream) in scan.Streams)
        {
            if (stream.Encoding.IsJson) continue;   // lima references and JSON streams hold no signal values
            var (device, signal) = names?[channel] is JsonObject o && Text(o["device"]) is { } d && Text(o["signal"]) is { } s ? (d, s) : Split(channel);
            if (!stored.TryGetValue(device, out var signals)) stored[device] = signals = new(StringComparer.Ordinal);
            signals[signal] = new StoredDataInfo { Shape = [await stream.LengthAsync(), .. stream.Shape.Select(x => (long)x)], DType = stream.DTypeName };
        }
        var map = new BecMap();
        foreach (var (device, signals) in stored)
        {
            var inner = new BecMap();
            foreach (var (signal, what) in signals) inner.Add(signal, what);
            map.Add(device, inner);
        }
        return map;
    }

    private static (string Device, string Signal) Split(string channel)
    {
        var parts = channel.Split(':');
        var rest = parts[0] == "axis" && parts.Length > 1 ? parts[1..] : parts;
        return rest.Length == 1 ? (rest[0], rest[0]) : (rest[0], rest[^1]);
    }

    private static double? Seconds(JsonNode? iso) =>
        Text(iso) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at) ? at.ToUnixTimeMilliseconds() / 1000.0 : null;

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
