using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Publishing;

namespace Testbed.Blissdata;

/// <summary>Settings of a <see cref="DataStore"/>: clock, logging, polling, reconnection and batching.</summary>
public sealed record DataStoreOptions
{
    /// <summary>The clock for every wait (blocking reads, batching latency, reconnect timeout).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Interval between polls of blocking reads (see docs/decisions/0003-blissdata-blocking-reads.md).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long the publisher waits for a lost Redis before the scan fails (end_reason FAILURE).</summary>
    public TimeSpan ReconnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public BatchingPolicy Batching { get; init; } = new();

    /// <summary>Told once when Redis stops answering, and once when it is back or the store gives up; null: nobody is told.</summary>
    public Action<RedisOutageNotice>? OnOutage { get; init; }

    /// <summary>Null: Redis Stack when MODULE LIST shows RedisJSON and RediSearch, else plain Redis.</summary>
    public DocumentBackend? Backend { get; init; }
}
