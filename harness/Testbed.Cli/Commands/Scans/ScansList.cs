using System.CommandLine;
using Testbed.Blissdata;

namespace Testbed.Cli.Commands.Scans;

/// <summary><c>testbed scans list</c>: every scan with its state and title.</summary>
internal static class ScansList
{
    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var cmd = new Command("list", "List scans (key, state, number, name, title).") { redis };
        cmd.SetAction((parse, ct) => ScanOptions.RunAsync(() => ListAsync(parse.GetValue(redis)!)));
        return cmd;
    }

    private static async Task ListAsync(string url)
    {
        await using var store = await DataStore.ConnectAsync(url, ScanOptions.Store());
        var (timetag, keys) = await store.SearchExistingScansAsync();
        foreach (var key in keys)
        {
            try
            {
                var scan = await store.LoadScanAsync(key);
                Console.WriteLine($"{key}  {scan.State,-8} #{scan.Number,-5} {scan.Name,-12} {(string?)scan.Info["title"]}");
            }
            catch (ScanNotFoundException) { }
            catch (ScanValidationException e) { Console.WriteLine($"{key}  (invalid: {e.Message})"); }
        }
        Console.WriteLine($"{keys.Count} scan(s), history timetag {timetag}");
    }
}
