using StackExchange.Redis;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata;

/// <summary>Scan discovery through <c>_SCAN_HISTORY_</c> (§9.2, §9.3) and deletion (§5.4).</summary>
public sealed partial class DataStore
{
    /// <summary>The next scan created after <paramref name="since"/> (null: after now). Timeout null waits forever; zero does not wait.</summary>
    public async Task<(string Timetag, string Key)> GetNextScanAsync(string? since = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var db = Database;
        if (since is null)
        {
            var top = await db.StreamRangeAsync(Protocol.HistoryKey, "-", "+", 1, Order.Descending);
            since = top.Length == 0 ? "0-0" : top[0].Id.ToString();
        }
        var deadline = timeout is { } t ? Time.GetTimestamp() + (long)(t.TotalSeconds * Time.TimestampFrequency) : long.MaxValue;
        while (true)
        {
            var entries = await db.StreamReadAsync(Protocol.HistoryKey, since, 1);
            if (entries.Length > 0)
            {
                var e = entries[0];
                var key = e["key"].ToString();
                since = e.Id.ToString();
                if (!await IsDeletedAsync(key)) return (since, key);
                continue;
            }
            if (Time.GetTimestamp() >= deadline)
                throw new NoScanAvailableException($"no new scan in {Protocol.HistoryKey} after {since} on {Url}");
            await Task.Delay(Options.PollInterval, Time, ct);
        }
    }

    /// <summary>The newest scan that is not deleted.</summary>
    public async Task<(string Timetag, string Key)> GetLastScanAsync()
    {
        var db = Database;
        RedisValue max = "+";
        while (true)
        {
            var entries = await db.StreamRangeAsync(Protocol.HistoryKey, "-", max, 1, Order.Descending);
            if (entries.Length == 0) throw new NoScanAvailableException($"no scan (that is not deleted) in {Protocol.HistoryKey} on {Url}");
            var e = entries[0];
            var key = e["key"].ToString();
            if (!await IsDeletedAsync(key)) return (e.Id.ToString(), key);
            var (ms, seq) = StreamIds.Split(e.Id.ToString());
            if (ms == 0 && seq == 0) throw new NoScanAvailableException($"no scan (that is not deleted) in {Protocol.HistoryKey} on {Url}");
            max = seq > 0 ? $"{ms}-{seq - 1}" : $"{ms - 1}-{ulong.MaxValue}";
        }
    }

    /// <summary>The id of the newest history entry, "0-0" if none.</summary>
    public async Task<string> GetLastScanTimetagAsync()
    {
        var top = await Database.StreamRangeAsync(Protocol.HistoryKey, "-", "+", 1, Order.Descending);
        return top.Length == 0 ? "0-0" : top[0].Id.ToString();
    }

    /// <summary>Marks a scan deleted (EXPIRE 10 on every key of it); a scan not closed needs <paramref name="force"/> and is closed with DELETION.</summary>
    public async Task DeleteScanAsync(string key, bool force = false)
    {
        var scan = await LoadScanAsync(key);
        if (scan.State < ScanState.Closed)
        {
            if (!force)
                throw new UnauthorizeStateTransitionException($"scan {key} is {scan.State}, not CLOSED; delete it with force to close it with end_reason DELETION");
            var doc = scan.Document;
            doc.Info["end_reason"] = EndReason.Deletion;
            var tx = Database.CreateTransaction();
            _ = Documents.QueueSet(tx, key, doc.Serialize());
            _ = tx.StreamAddAsync(doc.StateKey, "state", (int)ScanState.Closed);
            await tx.ExecuteAsync();
        }
        var del = Database.CreateTransaction();
        foreach (var s in scan.Document.Streams.Values) _ = del.KeyExpireAsync(s.Key, TimeSpan.FromSeconds(Protocol.DeletedTtlSeconds));
        _ = del.KeyExpireAsync(scan.Document.StateKey, TimeSpan.FromSeconds(Protocol.DeletedTtlSeconds));
        _ = del.KeyExpireAsync(key, TimeSpan.FromSeconds(Protocol.DeletedTtlSeconds));
        await del.ExecuteAsync();
    }

    /// <summary>§5.4: TTL −2 (gone) or 0…10 means deleted; −1 or more than 10 s means the scan exists.</summary>
    internal async Task<bool> IsDeletedAsync(string key)
    {
        var ttl = (long)await Database.ExecuteAsync("TTL", key);
        return ttl == -2 || (ttl >= 0 && ttl <= Protocol.DeletedTtlSeconds);
    }
}
