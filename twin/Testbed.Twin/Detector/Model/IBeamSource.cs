namespace Testbed.Twin.Detector.Model;

/// <summary>Where the beam hits the detector and how bright it is; the world model implements this from motor positions.</summary>
public interface IBeamSource
{
    /// <summary>The spot at virtual time <paramref name="time"/>, in pixel coordinates of the full detector.</summary>
    BeamSpot Sample(DateTimeOffset time);
}

/// <summary>A Gaussian beam spot: centre and widths in pixels, total flux in photons per second.</summary>
public sealed record BeamSpot(double CenterX, double CenterY, double SigmaX, double SigmaY, double PhotonsPerSecond);

/// <summary>A beam that does not move: the default until a world model is connected.</summary>
public sealed class FixedBeamSource(BeamSpot spot) : IBeamSource
{
    public BeamSpot Spot { get; set; } = spot;

    public BeamSpot Sample(DateTimeOffset time) => Spot;
}
