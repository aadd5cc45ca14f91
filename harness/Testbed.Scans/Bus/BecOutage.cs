using StackExchange.Redis;
using Testbed.Bec;

namespace Testbed.Scans.Bus;

/// <summary>Recognises a BEC command that failed because Redis was away (killed, restarting, loading its append-only file) and runs it
/// again once Redis answers — on the wall clock, as Redis reconnects in real time whatever the stack's clock.</summary>
public static class BecOutage
{
    /// <summary>How long a command is tried again before the outage is taken as final.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Errors after which the same command can be sent again once Redis is back.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        BecException { InnerException: { } inner } => IsTransient(inner),
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        // A MULTI/EXEC of a lost connection is cancelled rather than failed.
        TaskCanceledException => true,
        // After a restart Redis answers LOADING while it replays its append-only file.
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal),
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => false,
    };

    /// <summary>Runs <paramref name="action"/>; after a transient failure runs it again (every 50 ms … 1 s) until it succeeds or
    /// <see cref="Limit"/> has passed, then lets the failure through.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try { return await action(); }
            catch (Exception e) when (IsTransient(e) && TimeProvider.System.GetElapsedTime(started) < Limit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)), TimeProvider.System);
            }
        }
    }

    /// <summary>As <see cref="RetryAsync{T}(Func{Task{T}})"/> for a command without a result.</summary>
    public static Task RetryAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RetryAsync(async () =>
        {
            await action();
            return true;
        });
    }
}
