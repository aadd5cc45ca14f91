using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Files.Swmr;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Host.Detector;

/// <summary>Simulates <c>class: simplon_detector</c> entries: a SIMPLON REST detector writing areaDetector-style (default) or SIMPLON files under <c>data_root:</c>.</summary>
/// <remarks>
/// <code>
/// - class: simplon_detector
///   name: det1
///   http: { url: http://127.0.0.1:8081 }   # port 0 = any free port
///   data_root: data/det1                   # relative to the beamline file's folder
///   twin: { width: 1024, height: 1024, dtype: uint16, mode: beam, seed: 1, readout_time: 1e-5,
///           file_layout: areadetector,    # or simplon: DECTRIS master/data files (REST filewriter/config/file_layout)
///           swmr_mode: false, num_frames_flush: 1 }   # stream-mode HDF5 readable while open, through libhdf5 (REST swmr_mode)
/// </code>
/// </remarks>
public sealed class DetectorTwinFactory : ITwinFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["simplon_detector"];

    public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
    {
        var node = controller.Node;
        var urlNode = node.Require("http").Require("url");
        LineAddress.Parse(urlNode, LineKind.Http, context.BaseDirectory);
        var url = urlNode.AsString().Trim();
        var rootText = node.String("data_root") ?? "data/" + controller.Name;
        var root = Path.GetFullPath(Path.Combine(context.BaseDirectory, rootText));

        var twin = controller.Twin;
        twin?.ExpectOnly("width", "height", "dtype", "mode", "seed", "readout_time", "gain", "offset", "noise", "dark_current",
            "hot_pixel_fraction", "dead_pixel_fraction", "beam", "file_layout", "swmr_mode", "num_frames_flush");
        var width = twin?.Int("width", 1024) ?? 1024;
        var height = twin?.Int("height", 1024) ?? 1024;
        if (width is < 1 or > 16384) throw twin!.Error("width", $"{width} is outside 1…16384 pixels");
        if (height is < 1 or > 16384) throw twin!.Error("height", $"{height} is outside 1…16384 pixels");
        var type = twin?.Get("dtype") is { } d ? PixelTypes.Parse(d.AsChoice(PixelTypes.Names))!.Value : PixelType.UInt16;
        var mode = twin?.Get("mode") is { } m ? SimModes.Parse(m.AsChoice(SimModes.Names))!.Value : SimMode.Beam;
        var sim = new SimulationSettings
        {
            Mode = mode,
            Seed = twin?.Int("seed", 1) ?? 1,
            Gain = twin?.Double("gain", 1) ?? 1,
            Offset = twin?.Double("offset", 0) ?? 0,
            Noise = twin?.Double("noise", 0) ?? 0,
            DarkCurrent = twin?.Double("dark_current", 5) ?? 5,
            HotPixelFraction = twin?.Double("hot_pixel_fraction", 1e-4) ?? 1e-4,
            DeadPixelFraction = twin?.Double("dead_pixel_fraction", 1e-4) ?? 1e-4,
        };
        var beam = twin?.Get("beam") is { } b ? Beam(b, width, height) : null;
        var readout = twin?.Double("readout_time", 1e-5) ?? 1e-5;
        if (readout is < 0 or > 1) throw twin!.Error("readout_time", $"{readout} s is outside 0…1 s");
        Directory.CreateDirectory(root);
        var detector = new DetectorTwin(context.Clock, TimeProvider.System, new DataRoot(root), width, height, type, sim, beam, readout);
        if (twin?.Get("file_layout") is { } layout) detector.Writer.Settings.Layout = FileLayouts.Parse(layout.AsChoice(FileLayouts.Names))!.Value;
        if (twin is not null) SwmrMode(twin, detector.Writer.Settings);
        yield return new DetectorTwinEndpoint(controller.Name, detector, url, root, context.Loggers.CreateLogger($"Testbed.Twin.Detector.{controller.Name}"));
    }

    private static void SwmrMode(ConfigNode twin, FileWriterSettings settings)
    {
        var flush = twin.Int("num_frames_flush", 1);
        if (flush < 1) throw twin.Error("num_frames_flush", $"{flush} must be at least 1");
        settings.FramesPerFlush = flush;
        if (!twin.Bool("swmr_mode", false)) return;
        try { SwmrStream.RequireLibrary(); }
        catch (DetectorCommandException e) { throw twin.Error("swmr_mode", e.Message); }
        settings.SwmrMode = true;
    }

    private static FixedBeamSource Beam(ConfigNode b, int width, int height)
    {
        b.ExpectOnly("x", "y", "sigma_x", "sigma_y", "flux");
        return new FixedBeamSource(new BeamSpot(b.Double("x", width / 2.0), b.Double("y", height / 2.0),
            b.Double("sigma_x", width / 20.0), b.Double("sigma_y", height / 20.0), b.Double("flux", 1e6)));
    }
}
