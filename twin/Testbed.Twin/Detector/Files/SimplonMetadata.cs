namespace Testbed.Twin.Detector.Files;

/// <summary>The detector configuration captured at arm and written into a SIMPLON master file (/entry/instrument/detector).</summary>
/// <remarks>Units as SIMPLON reports them: seconds, metres, beam centre in pixels.</remarks>
public sealed record SimplonMetadata(
    double CountTime,
    double FrameTime,
    int BitDepthImage,
    double BeamCenterX,
    double BeamCenterY,
    double DetectorDistance,
    double XPixelSize,
    double YPixelSize,
    string SensorMaterial,
    double SensorThickness,
    string Description,
    string DetectorNumber,
    long CountrateCorrectionCountCutoff,
    int NImages,
    int NTrigger,
    int XPixelsInDetector,
    int YPixelsInDetector);
