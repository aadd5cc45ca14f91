using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

namespace Testbed.Scans.Bundler;

/// <summary>One scan as the bundler assembles it: monitored readings per point_id until every monitored device has reported,
/// and the baseline readings until every baseline device has.</summary>
public sealed class BundledScan
{
    private readonly HashSet<string> _monitored;
    private readonly HashSet<string> _baselineDevices;
    private readonly Dictionary<long, BecMap> _points = [];
    private readonly HashSet<long> _emitted = [];
    private readonly BecMap _baseline = [];

    public BundledScan(ScanStatusMessage info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        ScanId = info.ScanId ?? "";
        var priority = info.ReadoutPriority ?? [];
        _monitored = [.. Names(priority, "monitored")];
        _baselineDevices = [.. Names(priority, "baseline")];
        SegmentMetadata = new BecMap
        {
            ["scan_id"] = ScanId,
            ["scan_type"] = info.ScanType is { } t ? WireEnum<ScanType>.ToWire(t) : BecValue.Nil,
            ["scan_report_devices"] = new BecList((info.ScanReportDevices ?? []).Select(d => (BecValue)d)),
        };
    }

    public string ScanId { get; }

    /// <summary>The scan's status at open (its info is the baseline message's metadata).</summary>
    public ScanStatusMessage Info { get; }

    /// <summary>ScanMessage.metadata: scan_id, scan_type, scan_report_devices (recorded).</summary>
    public BecMap SegmentMetadata { get; }

    /// <summary>Points bundled so far.</summary>
    public int Emitted => _emitted.Count;

    public long NumPoints => Info.NumPoints ?? 0;

    /// <summary>The monitored devices, whose readings make the points.</summary>
    public IReadOnlyCollection<string> Monitored => _monitored;

    public bool BaselineSent { get; set; }

    public bool Ended { get; set; }

    /// <summary>Adds a monitored reading; returns the point's ScanMessage once every monitored device has delivered it.</summary>
    public ScanMessage? AddReading(string device, long pointId, BecMap signals)
    {
        if (!_monitored.Contains(device) || _emitted.Contains(pointId)) return null;
        if (!_points.TryGetValue(pointId, out var data)) _points[pointId] = data = [];
        data.Set(device, signals);
        if (!_monitored.All(data.ContainsKey)) return null;
        _points.Remove(pointId);
        _emitted.Add(pointId);
        return new ScanMessage { Metadata = SegmentMetadata, PointId = pointId, ScanId = ScanId, Data = data };
    }

    /// <summary>Adds a baseline reading; returns the baseline message once every baseline device has delivered (once).</summary>
    public ScanBaselineMessage? AddBaseline(string device, BecMap signals)
    {
        if (!_baselineDevices.Contains(device) || BaselineSent) return null;
        _baseline.Set(device, signals);
        if (!_baselineDevices.All(_baseline.ContainsKey)) return null;
        BaselineSent = true;
        return new ScanBaselineMessage { Metadata = Info.Info, ScanId = ScanId, Data = _baseline };
    }

    private static IEnumerable<string> Names(BecMap priority, string key) =>
        priority.GetOrNull(key) is BecList l ? l.Select(v => v.AsString()) : [];
}
