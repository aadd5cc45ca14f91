using System.Text.Json;
using Testbed.Blissdata;
using Testbed.Dashboard.Scans;

namespace Testbed.Dashboard.Live;

/// <summary>The scans of the Redis, newest first, and a feed that sends the list again whenever a scan appears or changes state.</summary>
public static class ScanListFeed
{
    /// <summary>At most <paramref name="limit"/> scans, newest first (keys are time-ordered ULIDs); deleted or broken ones are left out.</summary>
    public static async Task<IReadOnlyList<ScanSummary>> ListAsync(DataStore store, int limit = 100)
    {
        var (_, keys) = await store.SearchExistingScansAsync();
        var list = new List<ScanSummary>();
        foreach (var key in keys.Order(StringComparer.Ordinal).Reverse().Take(limit))
        {
            try { list.Add(ScanSummary.Of(await store.LoadScanAsync(key))); }
            catch (BlissdataException) { /* deleted between listing and loading, or not ours to read: not listed */ }
        }
        return list;
    }

    /// <summary>Sends <c>scans</c> (the whole list) at start and each time it differs, checking every <paramref name="every"/>.</summary>
    public static async Task RunAsync(DataStore store, ServerSentEvents events, TimeSpan every, TimeProvider time, CancellationToken ct)
    {
        string? last = null;
        while (!ct.IsCancellationRequested)
        {
            var list = await ListAsync(store);
            var text = JsonSerializer.Serialize(list);
            if (text != last) await events.SendAsync("scans", list, ct);
            else await events.KeepAliveAsync(ct);
            last = text;
            await Task.Delay(every, time, ct);
        }
    }
}
