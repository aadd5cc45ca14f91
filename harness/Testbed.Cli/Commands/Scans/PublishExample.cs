using System.CommandLine;
using Testbed.Blissdata;

namespace Testbed.Cli.Commands.Scans;

/// <summary><c>testbed scans publish-example</c>: a complete synthetic scan for downstream tools (Flint, HDF5 writer, online processing).</summary>
internal static class PublishExample
{
    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var data = new Option<DirectoryInfo>("--data") { Description = "Directory for the detector's AreaDetector-layout HDF5 files.", Required = true };
        var points = new Option<int>("--points") { Description = "Number of scan points (and detector frames).", DefaultValueFactory = _ => 20 };
        var interval = new Option<double>("--interval") { Description = "Seconds between points (0: as fast as possible).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("publish-example", "Publish a complete synthetic scan (ESRF identity, full scan_info, scalars, spectrum, variable-shape, JSON and lima file streams); prints the scan key last.")
        {
            redis, data, points, interval,
        };
        cmd.SetAction((parse, ct) => ScanOptions.RunAsync(async () =>
        {
            var n = parse.GetValue(points);
            if (n < 1) throw new ArgumentException($"--points must be at least 1, got {n}");
            var seconds = parse.GetValue(interval);
            if (seconds < 0) throw new ArgumentException($"--interval must not be negative, got {seconds}");
            await using var store = await OpenAsync(parse.GetValue(redis)!);
            var example = new ExampleScan(store, parse.GetValue(data)!.FullName, n, TimeSpan.FromSeconds(seconds), TimeProvider.System);
            var key = await example.PublishAsync(ct);
            Console.WriteLine(key);
        }));
        return cmd;
    }

    /// <summary>Connects; an empty database is initialised first (a non-empty one without protocol key is refused).</summary>
    private static async Task<DataStore> OpenAsync(string url)
    {
        try { return await DataStore.ConnectAsync(url, ScanOptions.Store()); }
        catch (ProtocolException e) when (e.Message.StartsWith("No blissdata protocol", StringComparison.Ordinal))
        {
            var store = await DataStore.InitAsync(url, ScanOptions.Store());
            await Console.Error.WriteLineAsync($"testbed: initialised the empty database {url} for blissdata protocol 1");
            return store;
        }
    }
}
