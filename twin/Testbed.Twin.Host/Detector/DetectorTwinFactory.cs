using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Host.Detector;

/// <summary>Simulates <c>class: simplon_detector</c> entries: a SIMPLON REST detector writing areaDetector-style (default) or SIMPLON files under <c>data_root:</c>.</summary>
/// <remarks>Keys and an example entry: <see cref="DetectorTwinSettings"/>.</remarks>
public sealed class DetectorTwinFactory : ITwinFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["simplon_detector"];

    public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
    {
        var s = DetectorTwinSettings.Read(controller, context.BaseDirectory);
        IBeamSource? beam = s.Beam switch
        {
            null => null,
            { FollowsWorld: true } b => new World.WorldBeamSource(context.World ?? throw controller.Node.Error("twin",
                "beam: {follows: world} needs the beamline's world: add a `class: world` entry to the file (see docs/world.md)"), context.Axes, b),
            { } b => new FixedBeamSource(b.Spot),
        };
        if (s.Beam is { FollowsWorld: true } followed && controller.Twin?.Get("beam") is { } beamNode)
            foreach (var axis in new[] { followed.XAxis, followed.YAxis }.OfType<string>()) context.Axes.Expect(axis, beamNode);
        // The writer's own timing (/entry/instrument/performance) measures real work, so it runs on real time.
        var detector = new DetectorTwin(context.Clock, TimeProvider.System, new DataRoot(s.DataRoot), s.Width, s.Height, s.PixelType, s.Simulation, beam, s.ReadoutTime);
        s.ApplyTo(detector.Writer.Settings);
        var logger = context.Loggers.CreateLogger($"Testbed.Twin.Detector.{controller.Name}");
        return [new DetectorTwinEndpoint(controller.Name, detector, s.Url, s.DataRoot, logger, new Testbed.Twin.Faults.LinkFaults(controller.Name))];
    }
}
