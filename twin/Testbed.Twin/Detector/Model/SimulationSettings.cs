namespace Testbed.Twin.Detector.Model;

/// <summary>Parameters of the image synthesis, named after ADSimDetector's PVs (B3.1) plus the beam-mode sensor effects.</summary>
public sealed record SimulationSettings
{
    public SimMode Mode { get; init; } = SimMode.LinearRamp;

    /// <summary>Seed of every random draw: the same seed gives the same frames.</summary>
    public int Seed { get; init; } = 1;

    public double Gain { get; init; } = 1;
    public double GainX { get; init; } = 1;
    public double GainY { get; init; } = 1;

    /// <summary>Background: Offset + Noise·U per pixel (any mode).</summary>
    public double Offset { get; init; }
    public double Noise { get; init; }

    public int PeakStartX { get; init; } = 1;
    public int PeakStartY { get; init; } = 1;
    public double PeakWidthX { get; init; } = 10;
    public double PeakWidthY { get; init; } = 20;
    public int PeakNumX { get; init; } = 1;
    public int PeakNumY { get; init; } = 1;
    public int PeakStepX { get; init; } = 1;
    public int PeakStepY { get; init; } = 1;

    /// <summary>Each peak is scaled by 1 + PeakVariation/100·(U − 0.5).</summary>
    public double PeakVariation { get; init; }

    public SineWave XSine1 { get; init; } = new(1, 1, 0);
    public SineWave XSine2 { get; init; } = new(1, 2, 90);
    public SineWave YSine1 { get; init; } = new(1, 1, 0);
    public SineWave YSine2 { get; init; } = new(1, 2, 90);
    public bool XSineMultiply { get; init; }
    public bool YSineMultiply { get; init; }

    /// <summary>Beam mode: dark current in counts per pixel per second (Poisson).</summary>
    public double DarkCurrent { get; init; } = 5;

    /// <summary>Beam mode: fraction of pixels stuck at saturation.</summary>
    public double HotPixelFraction { get; init; } = 1e-4;

    /// <summary>Beam mode: fraction of pixels that never count.</summary>
    public double DeadPixelFraction { get; init; } = 1e-4;
}

/// <summary>One sine term of ADSimDetector's Sine mode: amplitude, frequency, phase in degrees.</summary>
public sealed record SineWave(double Amplitude, double Frequency, double PhaseDegrees);
