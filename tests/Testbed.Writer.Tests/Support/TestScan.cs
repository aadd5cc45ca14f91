using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Files;
using Testbed.Blissdata.Info;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Writer.Tests.Support;

/// <summary>A saving ascan published point by point: a positioner, a float64 counter, an int32 counter, a 1-D spectrum and a lima
/// detector whose frames are in AreaDetector files (3 frames per file) — the values are deterministic so tests know them.</summary>
public sealed class TestScan
{
    public const int Height = 4, Width = 5, Bins = 6, FramesPerFile = 3;

    private readonly List<ushort[]> _pending = [];
    private DataStreamWriter _axis = null!, _diode = null!, _counts = null!, _spectrum = null!, _image = null!;
    private LimaFiles _files = null!;

    private TestScan(PublishedScan scan, string file, string imagesDir, long number, string? becScanId)
    {
        Published = scan;
        File = file;
        ImagesDir = imagesDir;
        Number = number;
        BecScanId = becScanId;
    }

    public PublishedScan Published { get; }

    public string File { get; }

    public string ImagesDir { get; }

    public long Number { get; }

    public string? BecScanId { get; }

    public int Points { get; private set; }

    public static double Position(int i) => 0.25 * i - 1;

    /// <summary>Not round numbers: bit-for-bit equality means something.</summary>
    public static double Diode(int i) => Math.Sqrt(2) * i + Math.PI / (i + 1);

    public static int Counts(int i) => 1000 + 37 * i;

    public static uint[] Spectrum(int i) => [.. Enumerable.Range(0, Bins).Select(b => (uint)(i * 100 + b))];

    public static ushort Pixel(int frame, int y, int x) => (ushort)(frame * 1000 + y * Width + x);

    /// <summary>Creates and prepares the scan (filename <paramref name="file"/>, frames under <c>scan&lt;nb&gt;</c> beside it).</summary>
    public static async Task<TestScan> PrepareAsync(DataStore store, string file, long number = 7, string? becScanId = null)
    {
        var imagesDir = Path.Combine(Path.GetDirectoryName(file)!, $"scan{number:0000}");
        Directory.CreateDirectory(imagesDir);
        var identity = new ScanIdentity("ascan", number, "no_policy") { Session = "writer_tests", Path = file };
        var b = new ScanInfoBuilder(identity, $"ascan roby -1 1 8 0.1", 9, TimeProvider.System, save: becScanId is null, filename: file)
            .Set("count_time", 0.1)
            .Set("positioners", new JsonObject
            {
                ["positioners_start"] = new JsonObject { ["roby"] = -1.0, ["robz"] = 3.5 },
                ["positioners_units"] = new JsonObject { ["roby"] = "mm", ["robz"] = "deg" },
            })
            .Set("display_extra", new JsonObject { ["plotselect"] = new JsonArray("diode_ctrl:diode") })
            .Device("axis", ["axis:roby"], triggered: ["timer"])
            .Device("timer", [], triggered: ["diode_ctrl", "mca", "det"])
            .Device("diode_ctrl", ["diode_ctrl:diode", "diode_ctrl:counts"])
            .Device("mca", ["mca:spectrum"])
            .Device("det", ["det:image"], type: "lima")
            .Channel("axis:roby", 0, "roby", unit: "mm")
            .Channel("diode_ctrl:diode", 0, "diode", unit: "nA")
            .Channel("diode_ctrl:counts", 0, "counts")
            .Channel("mca:spectrum", 1, "spectrum")
            .Channel("det:image", 2, "image")
            .Chain("axis", ["timer", "diode_ctrl", "mca", "det"]);
        if (becScanId is not null) b.Set("bec_scan_id", becScanId);
        var scan = await store.CreateScanAsync(identity, b.Build());
        var t = new TestScan(scan, file, imagesDir, number, becScanId);
        t._files = new LimaFiles("tests/det", Path.Combine(imagesDir, "det_%04d.h5"), AreaDetectorFile.DataPath, DType.UInt16, Height, Width,
            TotalFrames: 9, FramesPerFile: FramesPerFile).Validate();
        t._axis = scan.CreateStream(StreamDefinition.Scalar("axis:roby", DType.Float64));
        t._diode = scan.CreateStream(StreamDefinition.Scalar("diode_ctrl:diode", DType.Float64));
        t._counts = scan.CreateStream(StreamDefinition.Scalar("diode_ctrl:counts", DType.Int32));
        t._spectrum = scan.CreateStream(StreamDefinition.Numeric("mca:spectrum", DType.UInt32, [Bins]));
        t._image = scan.CreateStream(StreamDefinition.LimaFiles("det:image", t._files));
        await scan.PrepareAsync();
        await scan.StartAsync();
        return t;
    }

    /// <summary>Publishes <paramref name="n"/> more points (frames written to their file once it is full, as the detector does).</summary>
    public async Task SendAsync(int n)
    {
        for (var k = 0; k < n; k++)
        {
            var i = Points++;
            await _axis.SendAsync(Position(i));
            await _diode.SendAsync(Diode(i));
            await _counts.SendAsync(Counts(i));
            await _spectrum.SendAsync(NdArray.From(Spectrum(i), Bins));
            var frame = new ushort[Height * Width];
            for (var y = 0; y < Height; y++) for (var x = 0; x < Width; x++) frame[y * Width + x] = Pixel(i, y, x);
            _pending.Add(frame);
            var saved = (i + 1) % FramesPerFile == 0;
            if (saved)
            {
                AreaDetectorFile.Write(Lima.FormatPercent(_files.FilePathTemplate, i / FramesPerFile), Height, Width, _pending);
                _pending.Clear();
            }
            await _image.SendLimaStatusAsync(i, saved ? i : i / FramesPerFile * FramesPerFile - 1);
        }
        foreach (var w in Published.Writers) await w.FlushAsync();
    }

    /// <summary>Stops and closes with <paramref name="endReason"/> (positioners_end added as BLISS does at close).</summary>
    public async Task EndAsync(string endReason = EndReason.Success)
    {
        if (_pending.Count > 0)
        {
            AreaDetectorFile.Write(Lima.FormatPercent(_files.FilePathTemplate, (Points - 1) / FramesPerFile), Height, Width, _pending);
            _pending.Clear();
            await _image.SendLimaStatusAsync(Points - 1, Points - 1);
        }
        if (endReason == EndReason.Success) await Published.StopAsync();
        Published.Info["positioners"]!.AsObject()["positioners_end"] = new JsonObject { ["roby"] = Position(Points - 1), ["robz"] = 3.5 };
        await Published.CloseAsync(endReason);
    }
}
