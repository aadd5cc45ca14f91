using System.Globalization;
using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Files;
using Testbed.Blissdata.Info;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;

namespace Testbed.Cli.Commands.Scans;

/// <summary>The synthetic scan of <c>publish-example</c>: an ascan of <c>robx</c> with a counter, an MCA spectrum, a ROI profile
/// of varying length, a JSON log and a 2D detector whose frames are in AreaDetector HDF5 files (lima plugin, file access only).</summary>
internal sealed class ExampleScan(DataStore store, string dataDir, int points, TimeSpan interval, TimeProvider time)
{
    public const int Channels = 64;
    public const int Height = 48;
    public const int Width = 64;
    public const int FramesPerFile = 5;

    public static double Position(int i) => i / 10.0;
    public static uint Counts(int i) => (uint)(1000 + 37 * i);
    public static int Spectrum(int i, int channel) => i * Channels + channel;
    public static float[] Profile(int i) => Enumerable.Range(0, 3 + i % 4).Select(k => i + k / 10f).ToArray();
    public static ushort Pixel(int frame, int y, int x) => (ushort)(frame * 100 + y * Width + x);

    public async Task<string> PublishAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        var number = await NextNumberAsync();
        var imagesDir = Path.Combine(dataDir, $"scan{number:0000}");
        Directory.CreateDirectory(imagesDir);
        var master = Path.Combine(dataDir, "sample_0001.h5");
        var identity = new ScanIdentity("ascan", number, "ESRF")
        {
            Session = "testbed", Proposal = "ih0000", Collection = "sample", Dataset = "0001", Path = master,
        };
        var title = $"ascan robx 0 {Position(points - 1).ToString(CultureInfo.InvariantCulture)} {points - 1} 0.1";
        var info = new ScanInfoBuilder(identity, title, points, time, save: true, filename: master)
            .Set("count_time", 0.1)
            .Set("images_path", imagesDir)
            .Set("sleep_time", null)
            .Set("display_extra", new JsonObject { ["plotselect"] = new JsonArray("p201:ct1") })
            .Set("positioners", new JsonObject
            {
                ["positioners_start"] = new JsonObject { ["robx"] = Position(0) },
                ["positioners_dial_start"] = new JsonObject { ["robx"] = Position(0) },
                ["positioners_units"] = new JsonObject { ["robx"] = "mm" },
            })
            .Device("axis", ["axis:robx"], triggered: ["timer"])
            .Device("timer", [], triggered: ["p201", "mca", "roi", "det", "log"])
            .Device("p201", ["p201:ct1"])
            .Device("mca", ["mca:spectrum"])
            .Device("roi", ["roi:profile"])
            .Device("det", ["det:image"], type: "lima")
            .Device("log", ["log:events"])
            .Channel("axis:robx", 0, "robx", unit: "mm", decimals: 3)
            .Channel("p201:ct1", 0, "ct1", unit: "counts")
            .Channel("mca:spectrum", 1, "spectrum")
            .Channel("roi:profile", 1, "profile")
            .Channel("det:image", 2, "image")
            .Channel("log:events", 0, "events")
            .Chain("axis", ["timer", "p201", "mca", "roi", "det", "log"])
            .CurvePlot("axis:robx", "p201:ct1")
            .ImagePlot("det:image")
            .Build();
        var scan = await store.CreateScanAsync(identity, info);
        var files = new LimaFiles("testbed/det", Path.Combine(imagesDir, "det_%04d.h5"), AreaDetectorFile.DataPath, DType.UInt16,
            Height, Width, TotalFrames: points, FramesPerFile: FramesPerFile).Validate();
        var axis = scan.CreateStream(StreamDefinition.Scalar("axis:robx", DType.Float64));
        var counter = scan.CreateStream(StreamDefinition.Scalar("p201:ct1", DType.UInt32));
        var spectrum = scan.CreateStream(StreamDefinition.Numeric("mca:spectrum", DType.Int32, [Channels]));
        var profile = scan.CreateStream(StreamDefinition.Numeric("roi:profile", DType.Float32, [-1]));
        var log = scan.CreateStream(StreamDefinition.Json("log:events"));
        var image = scan.CreateStream(StreamDefinition.LimaFiles("det:image", files));
        await scan.PrepareAsync();
        await scan.StartAsync();
        try
        {
            var frames = new List<ushort[]>();
            for (var i = 0; i < points; i++)
            {
                ct.ThrowIfCancellationRequested();
                await axis.SendAsync(Position(i));
                await counter.SendAsync(Counts(i));
                await spectrum.SendAsync(NdArray.From(Enumerable.Range(0, Channels).Select(c => Spectrum(i, c)).ToArray(), Channels));
                var p = Profile(i);
                await profile.SendAsync(NdArray.From(p, p.Length));
                await log.SendJsonAsync(new JsonObject { ["point"] = i, ["message"] = $"point {i} at robx={Position(i).ToString(CultureInfo.InvariantCulture)}" });
                frames.Add(Frame(i));
                // A file is announced as saved only once it is complete and closed (readers open it with plain h5py).
                var saved = (i + 1) % FramesPerFile == 0 || i == points - 1;
                if (saved)
                {
                    AreaDetectorFile.Write(Lima.FormatPercent(files.FilePathTemplate, i / FramesPerFile), Height, Width, frames);
                    frames.Clear();
                }
                await image.SendLimaStatusAsync(i, saved ? i : i / FramesPerFile * FramesPerFile - 1);
                if (interval > TimeSpan.Zero) await Task.Delay(interval, time, ct);
            }
            await scan.StopAsync();
            // Final metadata goes in at close, the only other moment info may change.
            var positioners = scan.Info["positioners"]!.AsObject();
            positioners["positioners_end"] = new JsonObject { ["robx"] = Position(points - 1) };
            positioners["positioners_dial_end"] = new JsonObject { ["robx"] = Position(points - 1) };
            scan.Info["comments"] = new JsonArray(new JsonObject { ["date"] = PublishedScan.IsoNow(time), ["message"] = "synthetic scan from testbed scans publish-example" });
            await scan.CloseAsync();
        }
        catch (OperationCanceledException)
        {
            await scan.CloseAsync(EndReason.UserAbort);
            throw;
        }
        catch (BlissdataException) when (scan.State < ScanState.Closed && scan.FailureClosed is null)
        {
            await scan.CloseAsync(EndReason.Failure);
            throw;
        }
        return scan.Key;
    }

    private static ushort[] Frame(int frame)
    {
        var f = new ushort[Height * Width];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                f[y * Width + x] = Pixel(frame, y, x);
        return f;
    }

    /// <summary>One more than the highest number of an earlier example scan of this session, as BLISS numbers scans.</summary>
    private async Task<long> NextNumberAsync()
    {
        var (_, keys) = await store.SearchExistingScansAsync(Blissdata.Search.ScanFilter.Session("testbed"));
        long max = 0;
        foreach (var k in keys)
        {
            try { max = Math.Max(max, (await store.LoadScanAsync(k)).Number); }
            catch (BlissdataException) { }
        }
        return max + 1;
    }
}
