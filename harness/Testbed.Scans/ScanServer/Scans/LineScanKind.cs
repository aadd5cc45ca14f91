using Testbed.Scans.ScanServer.Guard;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary><c>line_scan(*(device, start, stop), steps, relative, exp_time …)</c>: every motor moves together through <c>steps</c> points;
/// BLISS's ascan/dscan (a2scan … for several motors). Relative scans come back to where they started.</summary>
public sealed class LineScanKind : IScanKind
{
    public string Name => "line_scan";

    public async Task<ScanJob> PlanAsync(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Request;
        var steps = r.Int("steps");
        var relative = r.Bool("relative");
        var timing = Timing.Of(r);
        var motors = r.Bundles.Select(b => context.Motor(b.Device)).ToList();
        if (motors.Select(m => m.Name).Distinct().Count() != motors.Count) throw ScanArguments.Refuse(r.Call, "a motor appears twice");
        var columns = new List<double[]>();
        var start = new List<double>();
        for (var i = 0; i < motors.Count; i++)
        {
            var here = await context.PositionAsync(motors[i], required: relative);
            var offset = relative ? here!.Value : 0;
            var column = Timing.Linspace(r.Bundles[i].Values[0].AsDouble(), r.Bundles[i].Values[1].AsDouble(), steps).Select(p => p + offset).ToArray();
            await context.CheckPathAsync(motors[i], here, relative ? [.. column, here!.Value] : column);
            columns.Add(column);
            if (relative) start.Add(here!.Value);
        }
        var positions = Enumerable.Range(0, (int)steps).Select(p => columns.Select(c => c[p]).ToArray()).ToList();
        var names = motors.Select(m => m.Name).ToList();
        var type = (relative ? "d" : "a") + (motors.Count == 1 ? "" : motors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "scan";
        var title = string.Join(' ', new[] { type }
            .Concat(r.Bundles.SelectMany(b => new[] { b.Device, Timing.Bliss(b.Values[0]), Timing.Bliss(b.Values[1]) }))
            .Append((steps - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(Timing.Bliss(timing.ExpTime)));
        return new StepJob(Name, r.Call, names, positions, relative, relative ? start : null, timing.ExpTime, timing.FramesPerTrigger,
            timing.SettlingTime, timing.SettlingTimeAfterTrigger, timing.ReadoutTime, timing.Burst, 0, [], r.ArgBundle, r.SentKwargs, title, type, null)
        {
            Devices = ScanDevices.Resolve(context.Devices, names),
        };
    }
}
