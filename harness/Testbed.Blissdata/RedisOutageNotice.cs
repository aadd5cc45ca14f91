namespace Testbed.Blissdata;

/// <summary>What a store tells its owner about a lost Redis: once when it goes, once when it is back or given up.</summary>
/// <param name="Kind">Lost, Back or GaveUp.</param>
/// <param name="Url">The Redis address.</param>
/// <param name="What">What was being written when the connection was lost.</param>
/// <param name="Timeout">How long the store retries before the scan fails.</param>
/// <param name="Elapsed">Since the loss (zero for Lost).</param>
/// <param name="Cause">The error that showed the loss.</param>
public sealed record RedisOutageNotice(RedisOutageKind Kind, string Url, string What, TimeSpan Timeout, TimeSpan Elapsed, string Cause);

/// <summary>Phases of a Redis outage as a store sees it.</summary>
public enum RedisOutageKind
{
    Lost,
    Back,
    GaveUp,
}
