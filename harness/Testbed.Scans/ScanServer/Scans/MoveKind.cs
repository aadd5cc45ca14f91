using Testbed.Scans.ScanServer.Guard;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary><c>umv(*(device, target), relative)</c> and <c>mv(…)</c>: queue items that move motors (no scan number, status or file);
/// umv first reads where they stand and publishes a readback report instruction (recorded, fixture 04).</summary>
public sealed class MoveKind(string name, bool reportReadback) : IScanKind
{
    public string Name { get; } = name;

    public async Task<ScanJob> PlanAsync(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Request;
        var relative = r.Bool("relative");
        var targets = new List<(string, double)>();
        foreach (var b in r.Bundles)
        {
            var motor = context.Motor(b.Device);
            if (targets.Any(t => t.Item1 == motor.Name)) throw ScanArguments.Refuse(r.Call, $"{motor.Name} appears twice");
            var here = await context.PositionAsync(motor, required: relative);
            var target = b.Values[0].AsDouble() + (relative ? here!.Value : 0);
            await context.CheckPathAsync(motor, here, [target]);
            targets.Add((motor.Name, target));
        }
        return new MoveJob(Name, r.Call, targets, reportReadback);
    }
}
