using System.CommandLine;
using Testbed.Blissdata;

namespace Testbed.Cli.Commands.Scans;

/// <summary><c>testbed scans show KEY</c>: identity, info summary and channels with plugin, dtype, shape and length.</summary>
internal static class ScansShow
{
    private static readonly System.Text.Json.JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var key = ScanOptions.Key();
        var cmd = new Command("show", "Show a scan's identity, info and channels.") { key, redis };
        cmd.SetAction((parse, ct) => ScanOptions.RunAsync(() => ShowAsync(parse.GetValue(redis)!, parse.GetValue(key)!)));
        return cmd;
    }

    private static async Task ShowAsync(string url, string key)
    {
        await using var store = await DataStore.ConnectAsync(url, ScanOptions.Store());
        var scan = await store.LoadScanAsync(key);
        var id = scan.Identity;
        Console.WriteLine($"{scan.Key}  {scan.State}");
        Console.WriteLine($"  identity: name={id.Name} number={id.Number} data_policy={id.DataPolicy} session={id.Session} proposal={id.Proposal} collection={id.Collection} dataset={id.Dataset} path={id.Path}");
        foreach (var k in new[] { "title", "type", "npoints", "count_time", "start_time", "end_time", "end_reason", "save", "filename", "publisher" })
            if (scan.Info[k] is { } v) Console.WriteLine($"  {k}: {v.ToJsonString(Plain)}");
        if (scan.Streams.Count == 0) Console.WriteLine("  (no streams before PREPARED)");
        foreach (var (name, s) in scan.Streams.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string length;
            try { length = (await s.LengthAsync()).ToString(); }
            catch (MissingPluginException e) { length = $"unusable: {e.Message}"; }
            var sealedText = await s.IsSealedAsync() ? "sealed" : "open";
            Console.WriteLine($"  {name,-24} plugin={s.Plugin ?? "-",-13} dtype={s.DTypeName,-8} shape=[{string.Join(",", s.Shape)}] len={length} {sealedText}");
        }
    }
}
