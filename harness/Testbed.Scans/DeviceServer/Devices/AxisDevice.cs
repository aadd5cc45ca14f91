using Testbed.Bec.Values;
using Testbed.Drivers.Abstractions;

namespace Testbed.Scans.DeviceServer.Devices;

/// <summary>A motor axis as a BEC positioner (as ophyd's SimPositioner describes itself): readback (hinted), setpoint and
/// motor_is_moving read, velocity and acceleration as configuration; soft limits in user units.</summary>
public sealed class AxisDevice(IAxis axis, TimeProvider time) : ServedDevice(axis.Name, time)
{
    private double? _setpoint;
    private volatile bool _moving;
    private volatile bool _stopped;

    public IAxis Axis => axis;

    public override (double Low, double High)? Limits => axis.Limits;

    public override BecMap Config()
    {
        var (low, high) = axis.Limits;
        var deviceConfig = new BecMap { ["limits"] = new BecList([low, high]) };
        if (axis.Unit.Length > 0) deviceConfig.Add("egu", axis.Unit);
        if (axis.Backlash != 0) deviceConfig.Add("backlash", axis.Backlash);
        return DeviceDescription.ConfigEntry(Name, "testbed.Axis", "baseline", deviceConfig, "user motors", Enabled, disabledReason: Problem);
    }

    public override BecMap Info() => new DeviceDescription("Axis", "positioner")
        .Add("readback", Name, "hinted", "number", false)
        .Add("setpoint", $"{Name}_setpoint", "normal", "number", true)
        .Add("motor_is_moving", $"{Name}_motor_is_moving", "normal", "integer", true)
        .Add("velocity", $"{Name}_velocity", "config", "number", true)
        .Add("acceleration", $"{Name}_acceleration", "config", "number", true)
        .Build(axis.Unit.Length > 0 ? axis.Unit : null);

    public override Task InitializeAsync(CancellationToken ct) => axis.InitializeAsync(ct);

    public override async Task<BecMap> ReadAsync(CancellationToken ct)
    {
        var position = await axis.PositionAsync(ct);
        return new BecMap
        {
            [Name] = Signal(position),
            [$"{Name}_setpoint"] = Signal(_setpoint ?? position),
            [$"{Name}_motor_is_moving"] = Signal(_moving ? 1 : 0),
        };
    }

    public override Task<BecMap> ReadConfigurationAsync(CancellationToken ct) => Task.FromResult(new BecMap
    {
        [$"{Name}_velocity"] = Signal(axis.Velocity),
        [$"{Name}_acceleration"] = Signal(axis.Acceleration),
    });

    public override async Task SetAsync(double value, Func<Task> started, CancellationToken ct)
    {
        _setpoint = value;
        _stopped = false;
        _moving = true;
        try
        {
            await started();
            await axis.MoveAsync(value, ct);
        }
        finally { _moving = false; }
        // A move ended by stop_devices returns normally from the driver; the set did not reach its target, so it is not completed.
        if (_stopped)
            throw new InstructionRefusedException($"{Name}: the move to {value:G10} was stopped at {await axis.PositionAsync(ct):G10} (user/queue/stop_devices)");
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        _stopped = _moving;
        await axis.StopAsync(ct);
    }
}
