using StackExchange.Redis;

namespace Testbed.Writer.Service;

/// <summary>Recognises a failure caused by the blissdata Redis being away (killed, restarting, loading its append-only file): the writer
/// then waits and follows again — the file is resumed from the rows it holds, so no point is written twice.</summary>
internal static class WriterOutage
{
    /// <summary>How long (real time: Redis reconnects on the wall clock) a scan is followed again before the writer gives up on it.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Pause before following again (real time).</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    public static bool IsTransient(Exception? e) => e switch
    {
        null => false,
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException s => s.Message.StartsWith("LOADING", StringComparison.Ordinal),
        AggregateException a => a.InnerExceptions.All(IsTransient),
        _ => IsTransient(e.InnerException),
    };
}
