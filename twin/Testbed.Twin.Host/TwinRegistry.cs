using Testbed.Beamline;

namespace Testbed.Twin.Host;

/// <summary>The device families the twin host can simulate: one line per family.</summary>
public static class TwinRegistry
{
    /// <summary>Every known factory.</summary>
    public static IReadOnlyList<ITwinFactory> Factories { get; } =
    [
        new Elmo.ElmoTwinFactory(),
        new Detector.DetectorTwinFactory(),
        new Keithley.KeithleyTwinFactory(),
    ];

    /// <summary>Creates the endpoints of every controller in <paramref name="beamline"/>; unknown classes are a config error.</summary>
    public static IReadOnlyList<ITwinEndpoint> CreateAll(BeamlineConfig beamline, TwinContext context, IReadOnlyList<ITwinFactory>? factories = null)
    {
        factories ??= Factories;
        var endpoints = new List<ITwinEndpoint>();
        foreach (var controller in beamline.Controllers)
        {
            var factory = factories.FirstOrDefault(f => f.Classes.Any(c => string.Equals(c, controller.Class, StringComparison.OrdinalIgnoreCase)))
                ?? throw controller.Node.Error("class",
                    $"the twin cannot simulate class '{controller.Class}'; known classes: {string.Join(", ", factories.SelectMany(f => f.Classes))}");
            endpoints.AddRange(factory.Create(controller, context));
        }
        return endpoints;
    }
}
