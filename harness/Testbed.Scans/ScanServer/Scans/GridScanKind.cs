using System.Globalization;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Guard;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary><c>grid_scan(*(device, start, stop, steps), relative, snaked=True …)</c>: the first motor is the fast axis; with
/// <c>snaked</c> every other line runs backwards (recorded order). BLISS's amesh/dmesh.</summary>
public sealed class GridScanKind : IScanKind
{
    public string Name => "grid_scan";

    public async Task<ScanJob> PlanAsync(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Request;
        var relative = r.Bool("relative");
        var snaked = r.Bool("snaked");
        var timing = Timing.Of(r);
        var motors = r.Bundles.Select(b => context.Motor(b.Device)).ToList();
        if (motors.Select(m => m.Name).Distinct().Count() != motors.Count) throw ScanArguments.Refuse(r.Call, "a motor appears twice");
        var axes = new List<double[]>();
        var here = new List<double?>();
        foreach (var (motor, bundle) in motors.Zip(r.Bundles))
        {
            var n = bundle.Values[2].AsInt64();
            Validation.ScanChecks.Points(r.Call, $"steps of {motor.Name}", n);
            var at = await context.PositionAsync(motor, required: relative);
            here.Add(at);
            axes.Add([.. Timing.Linspace(bundle.Values[0].AsDouble(), bundle.Values[1].AsDouble(), n).Select(p => p + (relative ? at!.Value : 0))]);
        }
        var positions = Grid(axes, snaked);
        for (var i = 0; i < motors.Count; i++)
        {
            var column = positions.Select(p => p[i]).ToList();
            await context.CheckPathAsync(motors[i], here[i], relative ? [.. column, here[i]!.Value] : column);
        }
        var names = motors.Select(m => m.Name).ToList();
        var type = (relative ? "d" : "a") + (motors.Count == 2 ? "" : motors.Count.ToString(CultureInfo.InvariantCulture)) + "mesh";
        var title = string.Join(' ', new[] { type }
            .Concat(r.Bundles.SelectMany(b => new[] { b.Device, Timing.Bliss(b.Values[0]), Timing.Bliss(b.Values[1]), (b.Values[2].AsInt64() - 1).ToString(CultureInfo.InvariantCulture) }))
            .Append(Timing.Bliss(timing.ExpTime)));
        return new StepJob(Name, r.Call, names, positions, relative, relative ? [.. here.Select(h => h!.Value)] : null, timing.ExpTime, timing.FramesPerTrigger,
            timing.SettlingTime, timing.SettlingTimeAfterTrigger, timing.ReadoutTime, timing.Burst, 0, new BecMap { ["snaked"] = snaked },
            r.ArgBundle, r.SentKwargs, title, type, [.. axes.Select(a => a.Length)])
        {
            Devices = ScanDevices.Resolve(context.Devices, names),
        };
    }

    /// <summary>Every combination, axis 0 fastest; snaked: axis 0 reverses on every other line (higher axes nest without snaking).</summary>
    public static List<double[]> Grid(IReadOnlyList<double[]> axes, bool snaked)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var rows = new List<double[]>();
        var outer = axes.Skip(1).Aggregate(new List<double[]> { Array.Empty<double>() },
            (acc, axis) => [.. axis.SelectMany(v => acc.Select(a => a.Append(v).ToArray()))]);
        for (var line = 0; line < outer.Count; line++)
        {
            var fast = snaked && line % 2 == 1 ? axes[0].Reverse() : axes[0];
            foreach (var x in fast) rows.Add([x, .. outer[line]]);
        }
        return rows;
    }
}
