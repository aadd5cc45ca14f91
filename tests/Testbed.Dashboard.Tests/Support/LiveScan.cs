using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Files;
using Testbed.Blissdata.Info;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Dashboard.Tests.Support;

/// <summary>A scan published point by point as the test decides: motor <c>axis:m</c>, counter <c>c:ct</c>, detector <c>det:image</c> (one HDF5 file per frame).</summary>
public sealed class LiveScan
{
    public const int Width = 16;
    public const int Height = 12;

    private readonly DataStreamWriter _motor;
    private readonly DataStreamWriter _counter;
    private readonly DataStreamWriter _image;
    private readonly string _template;

    private LiveScan(PublishedScan scan, DataStreamWriter motor, DataStreamWriter counter, DataStreamWriter image, string template)
    {
        Scan = scan;
        _motor = motor;
        _counter = counter;
        _image = image;
        _template = template;
    }

    public PublishedScan Scan { get; }

    public string Key => Scan.Key;

    public int Points { get; private set; }

    public static double Motor(int i) => 2.0 - i * 0.25;

    public static double Counts(int i) => 100 + 10 * i * i;

    /// <summary>Pixel (x, y) of frame i: a ramp that differs per frame, so sums are known exactly.</summary>
    public static ushort Pixel(int i, int x, int y) => (ushort)(i * 7 + x + y * Width);

    public static double FrameSum(int i, int x0 = 0, int y0 = 0, int x1 = Width, int y1 = Height)
    {
        var sum = 0.0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                sum += Pixel(i, x, y);
        return sum;
    }

    /// <summary>Creates, prepares and starts a scan of <paramref name="npoints"/> planned points; frames go under <paramref name="dir"/>.</summary>
    public static async Task<LiveScan> StartAsync(DataStore store, string dir, int npoints, int number = 1, bool withDetector = true)
    {
        var identity = new ScanIdentity("ascan", number, "no_policy") { Session = "test", Path = Path.Combine(dir, "scan.h5") };
        var builder = new ScanInfoBuilder(identity, $"ascan m 2 -1 {npoints - 1} 0.1", npoints, TimeProvider.System)
            .Device("axis", ["axis:m"], triggered: ["timer"])
            .Device("timer", [], triggered: withDetector ? ["c", "det"] : ["c"])
            .Device("c", ["c:ct"])
            .Channel("axis:m", 0, "m")
            .Channel("c:ct", 0, "ct")
            .CurvePlot("axis:m", "c:ct");
        if (withDetector) builder = builder.Device("det", ["det:image"], type: "lima").Channel("det:image", 2, "image");
        var scan = await store.CreateScanAsync(identity, builder.Build());
        var template = Path.Combine(dir, $"scan{number}_det_%04d.h5");
        var motor = scan.CreateStream(StreamDefinition.Scalar("axis:m", DType.Float64));
        var counter = scan.CreateStream(StreamDefinition.Scalar("c:ct", DType.Float64));
        DataStreamWriter image = null!;
        if (withDetector)
        {
            var files = new LimaFiles("test/det", template, AreaDetectorFile.DataPath, DType.UInt16, Height, Width, TotalFrames: npoints, FramesPerFile: 1).Validate();
            image = scan.CreateStream(StreamDefinition.LimaFiles("det:image", files));
        }
        await scan.PrepareAsync();
        await scan.StartAsync();
        return new LiveScan(scan, motor, counter, image, template);
    }

    /// <summary>Publishes the next point (and its frame file, announced as saved once written); flushed at once.</summary>
    public async Task AddPointAsync()
    {
        var i = Points;
        await _motor.SendAsync(Motor(i));
        await _counter.SendAsync(Counts(i));
        await _motor.FlushAsync();
        await _counter.FlushAsync();
        if (_image is not null)
        {
            var frame = new ushort[Width * Height];
            for (var y = 0; y < Height; y++)
                for (var x = 0; x < Width; x++)
                    frame[y * Width + x] = Pixel(i, x, y);
            AreaDetectorFile.Write(Lima.FormatPercent(_template, i), Height, Width, [frame]);
            await _image.SendLimaStatusAsync(i, i);
            await _image.FlushAsync();
        }
        Points++;
    }

    public async Task AddPointsAsync(int n)
    {
        for (var k = 0; k < n; k++) await AddPointAsync();
    }

    public async Task FinishAsync(string reason = EndReason.Success)
    {
        await Scan.StopAsync();
        await Scan.CloseAsync(reason);
    }
}
