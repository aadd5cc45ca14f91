namespace Testbed.Twin.Detector.Model;

/// <summary>Image patterns: the four ADSimDetector modes plus a beam spot fed by an <see cref="IBeamSource"/>.</summary>
public enum SimMode
{
    LinearRamp,
    Peaks,
    Sine,
    OffsetNoise,
    Beam,
}

/// <summary>Configuration names of <see cref="SimMode"/>.</summary>
public static class SimModes
{
    public static readonly string[] Names = ["linear_ramp", "peaks", "sine", "offset_noise", "beam"];

    public static string Name(this SimMode mode) => Names[(int)mode];

    public static SimMode? Parse(string text) => Array.IndexOf(Names, text.ToLowerInvariant()) is var i and >= 0 ? (SimMode)i : null;
}
