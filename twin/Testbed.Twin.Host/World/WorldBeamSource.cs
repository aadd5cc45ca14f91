using Testbed.Twin.Detector.Model;
using Testbed.Twin.Host.Detector;
using Testbed.Twin.World;

namespace Testbed.Twin.Host.World;

/// <summary>A detector's beam spot that follows the world: flux times a world signal at the frame's time, centre shifted with the axes.</summary>
public sealed class WorldBeamSource(BeamlineWorld world, AxisPositions axes, DetectorBeam beam) : IBeamSource
{
    public BeamSpot Sample(DateTimeOffset time)
    {
        var s = beam.Spot;
        var intensity = world.Signal(beam.Signal!, time);
        var x = s.CenterX + (beam.XAxis is { } xa ? beam.XPerUnit * axes.Position(xa) : 0);
        var y = s.CenterY + (beam.YAxis is { } ya ? beam.YPerUnit * axes.Position(ya) : 0);
        return s with { CenterX = x, CenterY = y, PhotonsPerSecond = s.PhotonsPerSecond * intensity };
    }
}
