using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;
using Testbed.Twin.Detector.Simplon;

namespace Testbed.Twin.Detector;

/// <summary>A complete simulated detector: model, file writer under a data root, and the SIMPLON API over them (no transport).</summary>
public sealed class DetectorTwin
{
    /// <param name="clock">The twin's (simulated) time: exposures and request waits.</param>
    /// <param name="performanceClock">Real time, for the writer's own timing in <c>/entry/instrument/performance</c> (it measures the writer, not the detector).</param>
    /// <param name="root">Where files may be written.</param>
    /// <param name="width">Frame width, pixels.</param>
    /// <param name="height">Frame height, pixels.</param>
    /// <param name="type">Pixel type.</param>
    /// <param name="simulation">How frames are synthesised.</param>
    /// <param name="beam">The beam on the detector (beam mode), if any.</param>
    /// <param name="readoutTime">Dead time between frames, s.</param>
    /// <param name="description">The SIMPLON description string.</param>
    public DetectorTwin(TimeProvider clock, TimeProvider performanceClock, DataRoot root, int width, int height, PixelType type, SimulationSettings simulation,
        IBeamSource? beam = null, double readoutTime = 1e-5, string description = "Testbed SIMPLON detector twin")
    {
        Clock = clock;
        Writer = new FileSeriesWriter(root, performanceClock, clock: clock);
        Model = new DetectorModel(clock, new FrameSynthesizer(width, height, type, simulation, beam), Writer, readoutTime);
        Description = description;
        Geometry = new DetectorGeometry(width, height, type);
        Writer.Metadata = MasterMetadata;
        Api = new SimplonApi(this);
    }

    public DetectorModel Model { get; }

    /// <summary>The twin's time: exposures and request waits (monitor <c>?timeout=</c>) run on it.</summary>
    public TimeProvider Clock { get; }

    public FileSeriesWriter Writer { get; }

    public SimplonApi Api { get; }

    public string Description { get; }

    /// <summary>Sensor and placement (beam centre, distance, pixel size…), recorded in SIMPLON master files.</summary>
    public DetectorGeometry Geometry { get; }

    /// <summary>SIMPLON monitor mode: when disabled, images/monitor is refused.</summary>
    public bool MonitorEnabled { get; set; }

    /// <summary>The configuration at arm, as the SIMPLON master file records it.</summary>
    private SimplonMetadata MasterMetadata(SeriesInfo series)
    {
        var t = Model.Timing;
        var g = Geometry;
        return new SimplonMetadata(t.CountTime, t.FrameTime, Model.PixelType.BytesPerPixel() * 8, g.BeamCenterX, g.BeamCenterY, g.DetectorDistance,
            g.XPixelSize, g.YPixelSize, g.SensorMaterial, g.SensorThickness, Description, g.DetectorNumber, g.CountrateCorrectionCountCutoff,
            series.ImagesPerTrigger, series.Triggers, series.Width, series.Height);
    }

    /// <summary>The external trigger input (exts mode), for the scan stack's gate: see <see cref="DetectorModel.ExternalTriggerAsync"/>.</summary>
    public Task<bool> ExternalTriggerAsync() => Model.ExternalTriggerAsync();
}
