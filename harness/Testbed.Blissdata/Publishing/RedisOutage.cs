using StackExchange.Redis;

namespace Testbed.Blissdata.Publishing;

/// <summary>Recognises a lost connection and waits (on the store's TimeProvider) until Redis answers again or the timeout passes.</summary>
internal static class RedisOutage
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);

    /// <summary>Errors after which the same command can be sent again once Redis is back.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        // After a restart Redis answers LOADING while it replays its append-only file.
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal),
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => false,
    };

    /// <summary>Returns once PING succeeds; throws <see cref="ScanFailedException"/> after <see cref="DataStoreOptions.ReconnectTimeout"/>.</summary>
    public static async Task WaitAsync(DataStore store, string what, Exception cause)
    {
        var time = store.Time;
        var start = time.GetTimestamp();
        var outage = store.Outage;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await store.Database.PingAsync();
                // PING answers during LOADING; a harmless read tells whether commands work.
                await store.Database.StringGetAsync(Protocol.VersionKey);
                // A failure seen after Redis came back (another stream's write of the same outage) is not news.
                if (attempt > 0) outage.End(store, what, cause);
                return;
            }
            catch (Exception e) when (IsTransient(e))
            {
                cause = e;
                if (attempt == 0) outage.Begin(store, what, cause);
            }
            if (time.GetElapsedTime(start) >= store.Options.ReconnectTimeout)
            {
                outage.GiveUp(store, what, cause);
                throw new ScanFailedException(
                    $"Redis at {store.Url} stayed unreachable for more than {store.Options.ReconnectTimeout.TotalSeconds:0.###} s while {what} ({cause.Message}); " +
                    "the scan has failed (it is closed with end_reason FAILURE if Redis answers again while this process runs)", cause);
            }
            await Task.Delay(Retry, time);
        }
    }

    /// <summary>Runs <paramref name="action"/>, and after a transient error waits for Redis and runs it again.</summary>
    public static async Task<T> RetryAsync<T>(DataStore store, string what, Func<Task<T>> action)
    {
        while (true)
        {
            try { return await action(); }
            catch (Exception e) when (IsTransient(e)) { await WaitAsync(store, what, e); }
        }
    }
}
