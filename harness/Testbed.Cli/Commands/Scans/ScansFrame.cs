using System.CommandLine;
using Testbed.Blissdata;
using Testbed.Cli.Shell;
using Testbed.Dashboard.Export;
using Testbed.Dashboard.Frames;
using Testbed.Dashboard.Plots;

namespace Testbed.Cli.Commands.Scans;

/// <summary><c>testbed scans frame KEY --index N --out frame.png</c>: one detector frame (read from its HDF5 file) as a colour-scaled PNG.</summary>
internal static class ScansFrame
{
    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var key = ScanOptions.Key();
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write (never overwritten).", Required = true };
        var index = new Option<long>("--index") { Description = "Frame number; negative counts back from the last saved frame (-1: the latest).", DefaultValueFactory = _ => -1 };
        var stream = new Option<string?>("--stream") { Description = "Detector stream (needed when the scan has several), e.g. det:image." };
        var cmap = new Option<string>("--colours") { Description = $"Colour map: {string.Join(", ", FramePlot.ColourMaps)}.", DefaultValueFactory = _ => "viridis" };
        cmap.AcceptOnlyFromAmong([.. FramePlot.ColourMaps]);
        var roi = new Option<string?>("--roi") { Description = "Region x0,y0,x1,y1 (pixels) drawn on the image and summed." };
        var cmd = new Command("frame", "Write one detector frame of a scan as a PNG (from the lima file references).") { key, redis, output, index, stream, cmap, roi };
        cmd.SetAction((parse, ct) => ScanOptions.RunAsync(async () =>
        {
            var region = Roi.Parse(parse.GetValue(roi));
            await using var store = await DataStore.ConnectAsync(parse.GetValue(redis)!, ScanOptions.Store());
            var what = await ScanExport.FrameAsync(store, parse.GetValue(key)!, parse.GetValue(index), parse.GetValue(output)!.FullName,
                parse.GetValue(stream), parse.GetValue(cmap)!, region);
            Console.WriteLine($"{parse.GetValue(output)!.FullName}: {what}");
        }));
        return cmd;
    }
}
