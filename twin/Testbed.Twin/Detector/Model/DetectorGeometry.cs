namespace Testbed.Twin.Detector.Model;

/// <summary>The detector's sensor and its placement: SIMPLON detector/config keys that describe, not drive, the acquisition.</summary>
public sealed class DetectorGeometry
{
    public DetectorGeometry(int width, int height, PixelType type)
    {
        BeamCenterX = width / 2.0;
        BeamCenterY = height / 2.0;
        // Counts above this are not corrected for pile-up; the twin uses the largest stored value.
        CountrateCorrectionCountCutoff = type == PixelType.Float32 ? uint.MaxValue : (long)type.MaxValue();
    }

    /// <summary>Pixels.</summary>
    public double BeamCenterX { get; set; }

    /// <summary>Pixels.</summary>
    public double BeamCenterY { get; set; }

    /// <summary>Metres from the sample.</summary>
    public double DetectorDistance { get; set; } = 0.1;

    public double XPixelSize { get; } = 75e-6;

    public double YPixelSize { get; } = 75e-6;

    public string SensorMaterial { get; } = "Si";

    public double SensorThickness { get; } = 450e-6;

    public string DetectorNumber { get; } = "TB-0001";

    public long CountrateCorrectionCountCutoff { get; }
}
