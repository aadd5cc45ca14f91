using System.CommandLine;
using Testbed.Blissdata;
using Testbed.Cli.Shell;
using Testbed.Dashboard.Export;

namespace Testbed.Cli.Commands.Scans;

/// <summary><c>testbed scans plot KEY --out scan.png</c>: the scan's scalar channels against its motor, as a PNG.</summary>
internal static class ScansPlot
{
    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var key = ScanOptions.Key();
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write (never overwritten).", Required = true };
        var width = CheckedOptions.Count("--width", "Image width in pixels.", 900, minimum: 100);
        var height = CheckedOptions.Count("--height", "Image height in pixels.", 540, minimum: 100);
        var cmd = new Command("plot", "Plot a scan's channels against its motor into a PNG file.") { key, redis, output, width, height };
        cmd.SetAction((parse, ct) => ScanOptions.RunAsync(async () =>
        {
            await using var store = await DataStore.ConnectAsync(parse.GetValue(redis)!, ScanOptions.Store());
            var what = await ScanExport.PlotAsync(store, parse.GetValue(key)!, parse.GetValue(output)!.FullName, parse.GetValue(width), parse.GetValue(height));
            Console.WriteLine($"{parse.GetValue(output)!.FullName}: {what}");
        }));
        return cmd;
    }
}
