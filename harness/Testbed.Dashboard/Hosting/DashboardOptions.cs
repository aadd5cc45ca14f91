namespace Testbed.Dashboard.Hosting;

/// <summary>What <c>testbed dashboard</c> serves: which Redis, where it listens, the token it asks for, the twin it shows.</summary>
public sealed record DashboardOptions
{
    /// <summary>The blissdata Redis (redis://host:port/db or host:port).</summary>
    public required string Redis { get; init; }

    /// <summary>Address and port to listen on; port 0 picks a free one (see <see cref="DashboardServer.Url"/>).</summary>
    public string Listen { get; init; } = "127.0.0.1:5080";

    /// <summary>Bearer or <c>?token=</c> value every request must carry; required when <see cref="Listen"/> is not loopback.</summary>
    public string? Token { get; init; }

    /// <summary>A URL of the twin's control API whose GET answer (JSON) the page shows; null: no twin panel.</summary>
    public Uri? Twin { get; init; }

    /// <summary>Clock of the blissdata reads (cursor polling).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How often the live feeds poll Redis for new points and states.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(5);
}
