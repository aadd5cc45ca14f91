namespace Testbed.Twin.Detector.Model;

/// <summary>Where the beam hits the detector and how bright it is; the world model implements this from motor positions.</summary>
public interface IBeamSource
{
    /// <summary>The spot at virtual time <paramref name="time"/>, in pixel coordinates of the full detector.</summary>
    BeamSpot Sample(DateTimeOffset time);
}

/// <summary>A Gaussian beam spot: centre and widths in pixels, total flux in photons per second.</summary>
public sealed record BeamSpot(double CenterX, double CenterY, double SigmaX, double SigmaY, double PhotonsPerSecond)
{
    /// <summary>The spot assumed when none is given: centred, σ = 1/20 of each side, 10⁶ photons/s.</summary>
    public static BeamSpot Centred(int width, int height) => new(width / 2.0, height / 2.0, width / 20.0, height / 20.0, 1e6);
}

/// <summary>A beam that does not move: the default until a world model is connected.</summary>
public sealed class FixedBeamSource(BeamSpot spot) : IBeamSource
{
    public BeamSpot Spot { get; set; } = spot;

    public BeamSpot Sample(DateTimeOffset time) => Spot;
}
