using StackExchange.Redis;


namespace Testbed.Blissdata.Publishing;

/// <summary><c>FCALL seal_stream 1 &lt;key&gt;</c>, treating "already sealed" as success as Python blissdata does.</summary>
internal static class Sealing
{
    public static Task<long> SealAsync(DataStore store, string key, string what) =>
        RedisOutage.RetryAsync(store, what, async () =>
        {
            try
            {
                return (long)await store.Database.ExecuteAsync("FCALL", SealFunction.Name, 1, key);
            }
            catch (RedisServerException e) when (e.Message.Contains("is already sealed", StringComparison.Ordinal))
            {
                var last = await store.Database.StreamRangeAsync(key, "-", "+", 1, Order.Descending);
                return Reading.StreamEntry.From(last[0], key).Index;
            }
            catch (RedisServerException e) when (e.Message.Contains("Function not found", StringComparison.OrdinalIgnoreCase))
            {
                throw new ProtocolException($"Redis at {store.Url} has no function '{SealFunction.Name}' (library {SealFunction.Library}); the database was not initialised by blissdata");
            }
            catch (RedisServerException e) when (e.Message.StartsWith("OOM", StringComparison.Ordinal))
            {
                throw new BlissdataException($"{what}: Redis at {store.Url} is out of memory ({e.Message})", e);
            }
        });
}
