using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Files.Swmr;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Host.Detector;

/// <summary>The twin's view of one <c>class: simplon_detector</c> entry: the HTTP address, the data root and the <c>twin:</c> block.</summary>
/// <remarks>
/// Built only by <see cref="Read"/>, which has no side effects: the data root is created when the endpoint starts. Every
/// <c>twin:</c> key is one line of <see cref="Keys"/>; synthesis defaults are <see cref="SimulationSettings"/>'s (beam mode
/// here), file-writer defaults <see cref="FileWriterSettings"/>'.
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
public sealed record DetectorTwinSettings
{
    private static readonly FileWriterSettings WriterDefaults = new();

    private DetectorTwinSettings() { }

    /// <summary>The <c>http: url:</c> as written (trimmed): what the SIMPLON server listens on.</summary>
    public string Url { get; private init; } = "";

    /// <summary>The folder every file goes under: <c>data_root:</c> (default <c>data/&lt;name&gt;</c>), absolute.</summary>
    public string DataRoot { get; private init; } = "";

    public int Width { get; private init; } = 1024;

    public int Height { get; private init; } = 1024;

    public PixelType PixelType { get; private init; } = PixelType.UInt16;

    public SimulationSettings Simulation { get; private init; } = new() { Mode = SimMode.Beam };

    /// <summary>The beam spot (fixed, or following the world), or null for a fixed <see cref="BeamSpot.Centred"/>.</summary>
    public DetectorBeam? Beam { get; private init; }

    /// <summary>Dead time between frames, s.</summary>
    public double ReadoutTime { get; private init; } = 1e-5;

    public FileLayout FileLayout { get; private init; } = WriterDefaults.Layout;

    public bool SwmrMode { get; private init; } = WriterDefaults.SwmrMode;

    public int FramesPerFlush { get; private init; } = WriterDefaults.FramesPerFlush;

    /// <summary>The <c>twin:</c> keys: one line each, in the order they are read.</summary>
    public static TwinKeys<DetectorTwinSettings> Keys { get; } =
    [
        new("width", "frame width, pixels (1…16384)", (n, s) => s with { Width = Pixels(n) }),
        new("height", "frame height, pixels (1…16384)", (n, s) => s with { Height = Pixels(n) }),
        new("dtype", "pixel type: uint8 | uint16 | uint32 | float32", (n, s) => s with { PixelType = PixelTypes.Parse(n.AsChoice(PixelTypes.Names))!.Value }),
        Synthesis("mode", "frame synthesis: linear_ramp | peaks | sine | offset_noise | beam", (n, m) => m with { Mode = SimModes.Parse(n.AsChoice(SimModes.Names))!.Value }),
        Synthesis("seed", "seed of every random draw: the same seed gives the same frames", (n, m) => m with { Seed = n.AsInt() }),
        new("readout_time", "dead time between frames, s (0…1)", (n, s) => s with { ReadoutTime = Readout(n) }),
        Synthesis("gain", "gain of the synthesised signal", (n, m) => m with { Gain = n.AsDouble() }),
        Synthesis("offset", "background offset, counts", (n, m) => m with { Offset = n.AsDouble() }),
        Synthesis("noise", "background noise amplitude, counts", (n, m) => m with { Noise = n.AsDouble() }),
        Synthesis("dark_current", "beam mode: dark counts per pixel per second", (n, m) => m with { DarkCurrent = n.AsDouble() }),
        Synthesis("hot_pixel_fraction", "beam mode: fraction of pixels stuck at saturation", (n, m) => m with { HotPixelFraction = n.AsDouble() }),
        Synthesis("dead_pixel_fraction", "beam mode: fraction of pixels that never count", (n, m) => m with { DeadPixelFraction = n.AsDouble() }),
        new("beam", "{x:, y:, sigma_x:, sigma_y:, flux:}: the beam spot, pixels and photons/s at full beam (default centred, σ = 1/20 of a side, 10⁶); " +
                    "with follows: world, its intensity follows a world signal (signal:, default transmitted) and its centre the axes (x_axis:, x_per_unit:, y_axis:, y_per_unit:)",
            (n, s) => s with { Beam = ReadBeam(n, s.Width, s.Height) }),
        new("file_layout", "areadetector | simplon (DECTRIS master and data files)",
            (n, s) => s with { FileLayout = FileLayouts.Parse(n.AsChoice(FileLayouts.Names))!.Value }),
        new("swmr_mode", "stream-mode HDF5 files readable while open (through libhdf5)", (n, s) => s with { SwmrMode = Swmr(n) }),
        new("num_frames_flush", "frames between flushes of a SWMR file (at least 1)", (n, s) => s with { FramesPerFlush = AtLeastOne(n) }),
    ];

    /// <summary>Reads an entry: the address and data root, then the <c>twin:</c> block. Nothing is created or bound.</summary>
    /// <param name="controller">The entry.</param>
    /// <param name="baseDirectory">The beamline file's folder: a relative data root resolves against it.</param>
    /// <exception cref="ConfigException">A missing or non-http url, an unknown key or a bad value (file:line and key).</exception>
    public static DetectorTwinSettings Read(ControllerConfig controller, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var node = controller.Node;
        var url = node.Require("http").Require("url");
        LineAddress.Parse(url, LineKind.Http, baseDirectory);
        var root = Path.GetFullPath(Path.Combine(baseDirectory, node.String("data_root") ?? "data/" + controller.Name));
        return Keys.Read(controller.Twin, new DetectorTwinSettings { Url = url.AsString().Trim(), DataRoot = root });
    }

    /// <summary>Applies the file-writer keys to a detector's writer.</summary>
    public void ApplyTo(FileWriterSettings writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Layout = FileLayout;
        writer.SwmrMode = SwmrMode;
        writer.FramesPerFlush = FramesPerFlush;
    }

    private static TwinKey<DetectorTwinSettings> Synthesis(string name, string doc, Func<ConfigNode, SimulationSettings, SimulationSettings> apply) =>
        new(name, doc, (n, s) => s with { Simulation = apply(n, s.Simulation) });

    private static int Pixels(ConfigNode node)
    {
        var v = node.AsInt();
        return v is >= 1 and <= 16384 ? v : throw node.Error(null, $"{v} is outside 1…16384 pixels");
    }

    private static double Readout(ConfigNode node)
    {
        var v = node.AsDouble();
        return v is >= 0 and <= 1 ? v : throw node.Error(null, $"{v} s is outside 0…1 s");
    }

    private static int AtLeastOne(ConfigNode node)
    {
        var v = node.AsInt();
        return v >= 1 ? v : throw node.Error(null, $"{v} must be at least 1");
    }

    // Asking for SWMR without libhdf5 is a config error, not a failure at the first arm.
    private static bool Swmr(ConfigNode node)
    {
        if (!node.AsBool()) return false;
        try { SwmrStream.RequireLibrary(); }
        catch (DetectorCommandException e) { throw node.Error(null, e.Message); }
        return true;
    }

    private static DetectorBeam ReadBeam(ConfigNode b, int width, int height)
    {
        b.ExpectOnly("x", "y", "sigma_x", "sigma_y", "flux", "follows", "signal", "x_axis", "x_per_unit", "y_axis", "y_per_unit");
        var d = BeamSpot.Centred(width, height);
        var spot = new BeamSpot(b.Double("x", d.CenterX), b.Double("y", d.CenterY), b.Double("sigma_x", d.SigmaX), b.Double("sigma_y", d.SigmaY),
            b.Double("flux", d.PhotonsPerSecond));
        var follows = b.Get("follows")?.AsChoice("world") is not null;
        if (!follows && (b.Get("signal") ?? b.Get("x_axis") ?? b.Get("y_axis")) is { } extra)
            throw extra.Error(null, "only a beam that follows the world has a signal or axes; add follows: world");
        return new DetectorBeam(spot, follows ? b.Get("signal")?.AsChoice([.. Testbed.Twin.World.WorldSettings.Signals]) ?? "transmitted" : null,
            b.String("x_axis"), b.Double("x_per_unit", 0), b.String("y_axis"), b.Double("y_per_unit", 0));
    }
}

/// <summary>The detector's beam spot: fixed, or (<see cref="Signal"/> set) following the world — its flux times the signal, its centre
/// shifted by <c>per_unit</c> pixels per unit of an axis's position.</summary>
public sealed record DetectorBeam(BeamSpot Spot, string? Signal, string? XAxis, double XPerUnit, string? YAxis, double YPerUnit)
{
    public bool FollowsWorld => Signal is not null;
}
