using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Redis;
using Testbed.Scans.ScanServer.Devices;
using Testbed.Scans.ScanServer.Guard;
using Testbed.Scans.Validation;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>What a scan kind needs to turn a request into a job: the bound request, the devices, and Redis for limits and positions.</summary>
public sealed record ScanContext(BoundRequest Request, DeviceSet Devices, BecConnector Bec, ScanQueueMessage Message)
{
    public string Call => Request.Call;

    /// <summary>The motor named <paramref name="name"/>: known, enabled, a positioner, writable; else refused in the user's terms.</summary>
    public DeviceEntry Motor(string name)
    {
        var d = Devices.Find(name) ?? throw ScanArguments.Refuse(Call, Devices.All.Count == 0
            ? $"there is no device '{name}': no device config is published (info/devices/config); is the device server running?"
            : $"there is no device '{name}' in this session (devices: {string.Join(", ", Devices.All.Select(x => x.Name))})");
        if (!d.Enabled) throw ScanArguments.Refuse(Call, d.DisabledText);
        if (d.Info is null) throw ScanArguments.Refuse(Call, $"the device server has not published {name} (no info/devices/info/{name}); is it running?");
        if (!d.IsPositioner) throw ScanArguments.Refuse(Call, $"{name} is not a motor (a {d.BaseClass}); scan a positioner");
        if (d.ReadOnly) throw ScanArguments.Refuse(Call, $"{name} is read-only");
        return d;
    }

    /// <summary>Where the motor stands (its last readback); required for relative moves.</summary>
    public async Task<double?> PositionAsync(DeviceEntry motor, bool required)
    {
        var p = await DeviceSet.PositionAsync(Bec, motor);
        if (p is null && required)
            throw ScanArguments.Refuse(Call, $"no readback of {motor.Name} (info/devices/readback/{motor.Name}) to start a relative move from; is the device server running?");
        return p;
    }

    /// <summary>Every position the motor will be sent to, in order from <paramref name="current"/>, backlash legs included, is inside
    /// its soft limits (<c>info/devices/limits/&lt;dev&gt;</c>).</summary>
    public async Task CheckPathAsync(DeviceEntry motor, double? current, IReadOnlyList<double> targets)
    {
        var limits = await DeviceSet.LimitsAsync(Bec, motor.Name);
        var axis = new AxisRange(motor.Name, motor.Unit ?? "", limits?.Low ?? double.NegativeInfinity, limits?.High ?? double.PositiveInfinity, motor.Backlash);
        ScanChecks.Path(Call, axis, current ?? (targets.Count > 0 ? targets[0] : 0), targets);
    }
}
