namespace Testbed.Blissdata;

/// <summary>Fixed names and numbers of blissdata protocol 1 (spec §1–§3, §6.2).</summary>
public static class Protocol
{
    public const int Version = 1;
    public const string VersionKey = "_PROTOCOL_VERSION_";
    public const string HistoryKey = "_SCAN_HISTORY_";
    public const string ScanPrefix = "esrf:scan:";
    public const string StreamPrefix = "esrf:stream:";
    public const string IndexName = "esrf:scan:index";
    public const string IndexHashKey = "esrf:scan:index:hash";
    public const int HistoryMaxLength = 2048;

    /// <summary>The largest possible stream id: the seal entry of a finished stream.</summary>
    public const string SealId = "18446744073709551615-18446744073709551615";

    public const ulong SealMs = ulong.MaxValue;

    /// <summary>Python blissdata serialises <c>info</c> and refuses more than this many characters.</summary>
    public const int MaxInfoCharacters = 1 << 20;

    /// <summary>A key whose TTL is at most this many seconds is considered deleted (§5.4).</summary>
    public const long DeletedTtlSeconds = 10;

    public const string PythonClientsNeedStack = "Python blissdata clients need Redis Stack (RedisJSON + RediSearch)";
}
