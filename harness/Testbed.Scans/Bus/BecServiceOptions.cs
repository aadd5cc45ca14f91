using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Testbed.Scans.Bus;

/// <summary>What every service of the scan stack needs: the BEC Redis, a clock and a logger.</summary>
public record BecServiceOptions
{
    /// <summary><c>redis://host:port[/db]</c> or a StackExchange.Redis configuration string.</summary>
    public required string RedisUrl { get; init; }

    /// <summary>The clock of heartbeats, waits and timeouts (a SimulationClock in accelerated scenarios).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>User and host reported in heartbeats.</summary>
    public string User { get; init; } = Environment.UserName;

    public string Hostname { get; init; } = Environment.MachineName;
}
