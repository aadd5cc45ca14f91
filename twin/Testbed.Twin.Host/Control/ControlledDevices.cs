using Testbed.Beamline;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Host.Keithley;

namespace Testbed.Twin.Host.Control;

/// <summary>The control view of each served endpoint: one line per device family (a new family adds its <see cref="ControlledDevice"/> here).</summary>
public static class ControlledDevices
{
    /// <summary>Every device of <paramref name="served"/>, in file order, then its world (if it has one).</summary>
    public static IReadOnlyList<ControlledDevice> Of(ServedBeamline served)
    {
        ArgumentNullException.ThrowIfNull(served);
        var devices = new List<ControlledDevice>();
        foreach (var endpoint in served.Endpoints)
        {
            devices.Add(endpoint switch
            {
                ElmoTwinEndpoint e => new AxisDevice(e, Units(served.Served, e.Name)),
                KeithleyTwinEndpoint k => new CounterDevice(k),
                DetectorTwinEndpoint d => new DetectorDevice(d),
                _ => throw new InvalidOperationException($"{endpoint.Name}: the control API has no view of {endpoint.GetType().Name}; add one to {nameof(ControlledDevices)}"),
            });
        }
        if (served.World is { } world)
            devices.Add(new WorldDevice(served.Served.OfClass(World.WorldTwinSettings.Class).First().Name, world));
        return devices;
    }

    private static AxisUnits? Units(BeamlineConfig beamline, string controller)
    {
        var axes = beamline.Controllers.First(c => c.Name == controller).Axes;
        if (axes.Count == 0 || axes[0].String("name") is not { } name) return null;
        var a = axes[0];
        return new AxisUnits(name, a.Double("steps_per_unit", 1), a.Int("sign", 1), a.Double("offset", 0));
    }
}
