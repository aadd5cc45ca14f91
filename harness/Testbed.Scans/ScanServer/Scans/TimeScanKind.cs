using System.Globalization;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary><c>time_scan(points, interval, exp_time=0, settling_time=0)</c>: no motor, one point every <c>interval</c> seconds
/// (sleep max(interval − exp_time, 0) after each); BLISS's loopscan.</summary>
public sealed class TimeScanKind : IScanKind
{
    public string Name => "time_scan";

    public Task<ScanJob> PlanAsync(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Request;
        var points = r.Int("points");
        Validation.ScanChecks.Points(r.Call, "points", points);
        var interval = r.Double("interval");
        Validation.ScanChecks.Wait(r.Call, "interval", interval);
        var timing = Timing.Of(r);
        var sleep = Math.Max(interval - timing.ExpTime, 0);
        var title = $"loopscan {points.ToString(CultureInfo.InvariantCulture)} {Timing.Bliss(timing.ExpTime)}" + (sleep > 0 ? $" {Timing.Bliss(sleep)}" : "");
        return Task.FromResult<ScanJob>(new StepJob(Name, r.Call, [], [.. Enumerable.Range(0, (int)points).Select(_ => Array.Empty<double>())], false, null,
            timing.ExpTime, timing.FramesPerTrigger, timing.SettlingTime, timing.SettlingTimeAfterTrigger, timing.ReadoutTime, timing.Burst, sleep,
            new BecMap { ["points"] = points, ["interval"] = interval }, r.ArgBundle, r.SentKwargs, title, "loopscan", null)
        {
            Devices = ScanDevices.Resolve(context.Devices, []),
        });
    }
}
