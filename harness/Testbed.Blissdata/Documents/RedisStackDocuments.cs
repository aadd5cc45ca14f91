using NRedisStack;
using NRedisStack.RedisStackCommands;

using StackExchange.Redis;
using Testbed.Blissdata.Search;

namespace Testbed.Blissdata.Documents;

/// <summary>Documents in RedisJSON, found through the RediSearch index <c>esrf:scan:index</c>.</summary>
internal sealed class RedisStackDocuments : IScanDocuments
{
    public DocumentBackend Kind => DocumentBackend.RedisStack;

    public async Task InitAsync(IDatabase db)
    {
        bool exists;
        try
        {
            await db.FT().InfoAsync(Protocol.IndexName);
            exists = true;
        }
        catch (RedisServerException) { exists = false; }
        if (!exists)
        {
            await Run(db, RedisStackCommands.CreateIndex());
            await Run(db, RedisStackCommands.SetIndexHash());
        }
        await Run(db, RedisStackCommands.ConfigMaxPrefixExpansions());
    }

    public Task QueueSet(IDatabaseAsync tx, string key, string json) => Run(tx, RedisStackCommands.JsonSet(key, json));

    public async Task<string?> GetAsync(IDatabaseAsync db, string key)
    {
        var r = await Run(db, RedisStackCommands.JsonGet(key));
        return r.IsNull ? null : r.ToString();
    }

    public async Task<(string, IReadOnlyList<string>)> SearchAsync(IDatabase db, IReadOnlyList<ScanFilter> filters)
    {
        var query = SearchQuery.Build(filters);
        var (timetag, keys, total) = await SearchPageAsync(db, query, RedisStackCommands.SearchPageSize);
        if (total > keys.Count) (timetag, keys, _) = await SearchPageAsync(db, query, (int)total);
        return (timetag, keys);
    }

    private static async Task<(string, IReadOnlyList<string>, long)> SearchPageAsync(IDatabase db, string query, int limit)
    {
        var tx = db.CreateTransaction();
        var last = tx.StreamRangeAsync(Protocol.HistoryKey, "-", "+", 1, Order.Descending);
        var found = Run(tx, RedisStackCommands.Search(query, limit));
        await tx.ExecuteAsync();
        var entries = await last;
        var reply = (RedisResult[])(await found)!;
        var total = (long)reply[0];
        var keys = reply.Skip(1).Select(r => r.ToString()!).ToList();
        return (entries.Length == 0 ? "0-0" : entries[0].Id.ToString(), keys, total);
    }

    private static Task<RedisResult> Run(IDatabaseAsync db, RedisCommand c) =>
        db.ExecuteAsync(c.Name, c.Args.ToArray());
}
