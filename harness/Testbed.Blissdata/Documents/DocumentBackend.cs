namespace Testbed.Blissdata.Documents;

/// <summary>How the scan document is stored and searched; chosen at connect from <c>MODULE LIST</c>.</summary>
public enum DocumentBackend
{
    /// <summary>RedisJSON document + RediSearch index: the wire format Python clients read.</summary>
    RedisStack,

    /// <summary>Plain Redis ≥ 7: the same JSON as a string at the same key; search runs client-side over <c>_SCAN_HISTORY_</c>.</summary>
    PlainRedis,
}
