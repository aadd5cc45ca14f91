using StackExchange.Redis;
using Testbed.Blissdata.Search;

namespace Testbed.Blissdata.Documents;

/// <summary>Documents as plain strings holding the same JSON at the same key; search filters <c>_SCAN_HISTORY_</c> client-side.</summary>
/// <remarks>Only scans still in the (≈2048 entries) history are found, which is what get_next_scan sees too.</remarks>
internal sealed class PlainRedisDocuments : IScanDocuments
{
    public DocumentBackend Kind => DocumentBackend.PlainRedis;

    public Task InitAsync(IDatabase db) => Task.CompletedTask;

    public Task QueueSet(IDatabaseAsync tx, string key, string json) => tx.ExecuteAsync("SET", key, json);

    public async Task<string?> GetAsync(IDatabaseAsync db, string key)
    {
        try
        {
            var r = await db.StringGetAsync(key);
            return r.IsNull ? null : r.ToString();
        }
        catch (RedisServerException e) when (e.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            throw new ScanValidationException($"{key} is not a string document ({e.Message}); this database stores scans in RedisJSON — connect with the Redis Stack back end");
        }
    }

    public async Task<(string, IReadOnlyList<string>)> SearchAsync(IDatabase db, IReadOnlyList<ScanFilter> filters)
    {
        foreach (var f in filters) SearchQuery.Validate(f);
        var tx = db.CreateTransaction();
        var last = tx.StreamRangeAsync(Protocol.HistoryKey, "-", "+", 1, Order.Descending);
        var all = tx.StreamRangeAsync(Protocol.HistoryKey, "-", "+");
        await tx.ExecuteAsync();
        var top = await last;
        var keys = (await all).Select(e => e["key"].ToString()).Where(k => k.Length > 0).Distinct().ToList();
        var docs = keys.Select(k => db.StringGetAsync(k)).ToList();
        var found = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var json = await docs[i];
            if (json.IsNull) continue;
            ScanDocument doc;
            try { doc = ScanDocument.Parse(json.ToString(), keys[i]); }
            catch (ScanValidationException) { continue; }
            if (SearchQuery.Matches(doc.Identity, filters)) found.Add(keys[i]);
        }
        return (top.Length == 0 ? "0-0" : top[0].Id.ToString(), found);
    }
}
