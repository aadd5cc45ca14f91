using Testbed.Drivers.Abstractions;

using Testbed.Scans.Stepping;

namespace Testbed.Scans.Publishing;

/// <summary>What a published step scan is, fixed before its first point: identity number, motion, count time and the devices read.</summary>
/// <param name="Number">Scan number in the session.</param>
/// <param name="Motor">The scanned axis.</param>
/// <param name="From">First point, user units.</param>
/// <param name="To">Last point, user units.</param>
/// <param name="Points">Number of points.</param>
/// <param name="CountTime">Exposure per point, s.</param>
/// <param name="Axes">Every axis read at each point (motor first), as it stood before the scan.</param>
/// <param name="Counters">Counters read at each point.</param>
/// <param name="Detectors">Detectors taking one frame per point, with the files they were told to write.</param>
public sealed record ScanPlan(long Number, string Motor, double From, double To, int Points, double CountTime,
    IReadOnlyList<AxisSnapshot> Axes, IReadOnlyList<CounterChannel> Counters, IReadOnlyList<DetectorFiles> Detectors);

/// <summary>An axis at one moment: user and dial position (the positioners of scan_info).</summary>
public sealed record AxisSnapshot(string Name, string Unit, double Position, double Dial)
{
    public static async Task<IReadOnlyList<AxisSnapshot>> ReadAsync(IEnumerable<IAxis> axes, CancellationToken ct)
    {
        var list = new List<AxisSnapshot>();
        foreach (var a in axes) list.Add(new AxisSnapshot(a.Name, a.Unit, await a.PositionAsync(ct), await a.DialAsync(ct)));
        return list;
    }
}
