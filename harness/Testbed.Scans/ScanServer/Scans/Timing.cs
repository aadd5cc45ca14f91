using System.Globalization;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Guard;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>The timing parameters every step scan takes (BEC's names; those a scan's signature lacks keep BEC's defaults).</summary>
public sealed record Timing(double ExpTime, long FramesPerTrigger, double SettlingTime, double SettlingTimeAfterTrigger, double ReadoutTime, long Burst)
{
    public static Timing Of(BoundRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        double D(string n) => r.Values.TryGetValue(n, out var v) ? v.AsDouble() : 0;
        long L(string n) => r.Values.TryGetValue(n, out var v) ? v.AsInt64() : 1;
        return new Timing(D("exp_time"), L("frames_per_trigger"), D("settling_time"), D("settling_time_after_trigger"), D("readout_time"), L("burst_at_each_point"));
    }

    /// <summary>A number in a BLISS command line: as typed (an int stays an int), shortest round trip.</summary>
    public static string Bliss(BecValue v) => v is BecInt i ? i.Value.ToString(CultureInfo.InvariantCulture) : Bliss(v.AsDouble());

    public static string Bliss(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>n points evenly from start to stop, both included, computed as numpy's linspace does (i × step + start, the last
    /// point exactly stop), so positions equal BEC's to the last bit.</summary>
    public static double[] Linspace(double start, double stop, long n)
    {
        if (n == 1) return [start];
        var step = (stop - start) / (n - 1);
        return [.. Enumerable.Range(0, (int)n).Select(i => i == n - 1 ? stop : i * step + start)];
    }
}
