using Testbed.Bec.Values;
using Testbed.Scans.Publishing;

namespace Testbed.Scans.DeviceServer.Devices;

/// <summary>What a device learns about the scan an instruction belongs to: its id, its blissdata writers (null: not published, or
/// not open yet) and its public scan_info (exp_time, frames_per_trigger, num_monitored_readouts, scan_number …; null before open).</summary>
public sealed record ScanContext(string? ScanId, ScanStreams? Streams, BecMap? Info)
{
    public static ScanContext None { get; } = new(null, null, null);

    public double ExpTime => Number("exp_time") ?? 0;

    public long FramesPerTrigger => (long)(Number("frames_per_trigger") ?? 1);

    /// <summary>Readouts (points × bursts) of the scan.</summary>
    public long Readouts => (long)(Number("num_monitored_readouts") ?? Number("num_points") ?? 1);

    public long ScanNumber => (long)(Number("scan_number") ?? 0);

    private double? Number(string key) => Info?.GetOrNull(key) is { } v ? ScanServer.Devices.DeviceSet.AsNumber(v) : null;
}
