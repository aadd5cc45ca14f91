using Testbed.Beamline;

namespace Testbed.Drivers.Registry;

/// <summary>The device families the drivers can drive: one line per family (the counterpart of the twin's registry).</summary>
public static class DriverRegistry
{
    /// <summary>Classes of a beamline file that are the twin's own and have no driver (the simulated world).</summary>
    public static IReadOnlyCollection<string> TwinOnlyClasses { get; } = ["world"];

    /// <summary>Every known factory.</summary>
    public static IReadOnlyList<IDriverFactory> Factories { get; } =
    [
        new Elmo.ElmoDriverFamily(),
        new Keithley.KeithleyDriverFamily(),
        new Detector.SimplonDriverFamily(),
    ];

    /// <summary>The drivers of every controller of <paramref name="beamline"/>, in file order; an unknown class is a config error
    /// naming the file, line and the known classes. Every entry is read before any driver exists, so an error leaves nothing open.</summary>
    public static DriverSet Build(BeamlineConfig beamline, DriverContext context, IReadOnlyList<IDriverFactory>? factories = null)
    {
        ArgumentNullException.ThrowIfNull(beamline);
        ArgumentNullException.ThrowIfNull(context);
        factories ??= Factories;
        var plan = new List<(IDriverFactory Factory, ControllerConfig Controller)>();
        foreach (var controller in beamline.Controllers)
        {
            if (TwinOnlyClasses.Contains(controller.Class, StringComparer.OrdinalIgnoreCase)) continue;
            var factory = factories.FirstOrDefault(f => f.Classes.Contains(controller.Class, StringComparer.OrdinalIgnoreCase))
                ?? throw controller.Node.Error("class",
                    $"no driver for class '{controller.Class}'; known classes: {string.Join(", ", factories.SelectMany(f => f.Classes))}");
            plan.Add((factory, controller));
        }
        var set = DriverSet.Empty;
        try
        {
            foreach (var (factory, controller) in plan) set = set.Concat(factory.Create(controller, context));
        }
        catch
        {
            set.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        var twice = set.Names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ConfigException(beamline.Source, null, $"two devices are named '{twice.Key}'; device names must be unique across the beamline file");
        return set;
    }
}
