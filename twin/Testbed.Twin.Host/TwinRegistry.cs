using Testbed.Beamline;
using Testbed.Twin.Host.World;
using Testbed.Twin.World;

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
    public static IReadOnlyList<ITwinEndpoint> CreateAll(BeamlineConfig beamline, TwinContext context, IReadOnlyList<ITwinFactory>? factories = null) =>
        Build(beamline, context, factories).Endpoints;

    /// <summary>The world of the file (its <c>class: world</c> entry, if any) and the endpoints of every controller, coupled to it.</summary>
    public static TwinBuild Build(BeamlineConfig beamline, TwinContext context, IReadOnlyList<ITwinFactory>? factories = null)
    {
        ArgumentNullException.ThrowIfNull(beamline);
        ArgumentNullException.ThrowIfNull(context);
        factories ??= Factories;
        var worlds = beamline.OfClass(WorldTwinSettings.Class).ToList();
        if (worlds.Count > 1)
            throw worlds[1].Node.Error("class", $"a beamline has one world; the first is at {worlds[0].Node.Location}");
        var axes = new AxisPositions();
        var world = worlds.Count == 0 ? null : new BeamlineWorld(WorldTwinSettings.Read(worlds[0]), axes, context.Clock);
        context = context with { World = world, Axes = axes };
        var endpoints = new List<ITwinEndpoint>();
        foreach (var controller in beamline.Controllers)
        {
            if (worlds.Contains(controller) || string.Equals(controller.Class, Testbed.Beamline.Faults.FaultSchema.Class, StringComparison.OrdinalIgnoreCase)) continue;
            var factory = factories.FirstOrDefault(f => f.Classes.Any(c => string.Equals(c, controller.Class, StringComparison.OrdinalIgnoreCase)))
                ?? throw controller.Node.Error("class",
                    $"the twin cannot simulate class '{controller.Class}'; known classes: {string.Join(", ", factories.SelectMany(f => f.Classes))}");
            endpoints.AddRange(factory.Create(controller, context));
        }
        axes.CheckExpected();
        if (world?.MissingAxis is { } missing)
            throw worlds[0].Node.Error(null, $"the world reads axis '{missing}', which no drive of the beamline has; axes: {string.Join(", ", axes.Axes)}");
        return new TwinBuild(endpoints, world);
    }
}

/// <summary>What a beamline file builds: its endpoints (not yet started) and its world (null without a <c>class: world</c> entry).</summary>
public sealed record TwinBuild(IReadOnlyList<ITwinEndpoint> Endpoints, BeamlineWorld? World);
