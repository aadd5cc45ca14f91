using System.CommandLine;
using Testbed.Blissdata;
using Testbed.Blissdata.Reading;

namespace Testbed.Cli.Commands.Scans;

/// <summary><c>testbed scans tail KEY</c>: follows a running scan's state and streams until every stream is sealed.</summary>
internal static class ScansTail
{
    public static Command Create()
    {
        var redis = ScanOptions.Redis();
        var key = ScanOptions.Key();
        var cmd = new Command("tail", "Follow a scan live: state changes and new points per stream, until all streams are sealed.") { key, redis };
        cmd.SetAction((parse, ct) => ScanOptions.RunAsync(() => TailAsync(parse.GetValue(redis)!, parse.GetValue(key)!, ct)));
        return cmd;
    }

    private static async Task TailAsync(string url, string key, CancellationToken ct)
    {
        await using var store = await DataStore.ConnectAsync(url, ScanOptions.Store());
        var scan = await store.LoadScanAsync(key);
        Console.WriteLine($"{scan.Key} {scan.State}");
        while (scan.State < ScanState.Prepared)
            if (await scan.UpdateAsync(TimeSpan.FromSeconds(1), ct)) Console.WriteLine($"state {scan.State}");
        var usable = scan.Streams.Values.Where(s => s.PluginProblem is null).ToList();
        foreach (var s in scan.Streams.Values.Where(s => s.PluginProblem is not null))
            Console.WriteLine($"{s.Name}: skipped ({s.PluginProblem})");
        if (usable.Count == 0) return;
        var group = new CursorGroup(usable);
        while (true)
        {
            IReadOnlyDictionary<ScanStream, StreamView> views;
            try { views = await group.ReadAsync(TimeSpan.FromMilliseconds(500), ct: ct); }
            catch (Blissdata.EndOfStreamException)
            {
                Console.WriteLine("all streams sealed");
                break;
            }
            foreach (var (stream, view) in views.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal))
                Console.WriteLine($"{stream.Name} [{view.Index}..{view.Index + view.Length - 1}] {Describe(view)}");
            if (scan.State < ScanState.Closed && await scan.UpdateAsync(TimeSpan.Zero, ct)) Console.WriteLine($"state {scan.State}");
        }
        await scan.WaitForStateAsync(ScanState.Closed, TimeSpan.FromSeconds(5), ct);
        Console.WriteLine($"state {scan.State} end_reason={(string?)scan.Info["end_reason"]}");
    }

    private static string Describe(StreamView view)
    {
        try
        {
            var data = view.GetData();
            if (data.Values.Count > 0) return "last " + (data.Values[^1]?.ToJsonString() ?? "null");
            var last = data.Points().LastOrDefault();
            if (last is null) return "";
            if (last.ElementCount == 1) return "last " + last.ToDoubles()[0].ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
            return $"last point shape [{string.Join(",", last.Shape)}] {last.DType}";
        }
        catch (BlissdataException e) { return $"({e.Message})"; }
    }
}
