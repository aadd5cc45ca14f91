namespace Testbed.Bench.Dashboard;

/// <summary>Settings of <c>testbed bench dashboard</c>; the defaults are the command's defaults.</summary>
public sealed record DashboardSettings
{
    /// <summary>Redis to measure on; null: a private redis-server child.</summary>
    public string? Redis { get; init; }

    /// <summary>Points published one at a time per run, each waited for at the SSE client.</summary>
    public int Points { get; init; } = 200;

    public int Repeat { get; init; } = 5;
}
