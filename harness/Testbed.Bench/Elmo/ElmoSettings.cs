namespace Testbed.Bench.Elmo;

/// <summary>Settings of <c>testbed bench elmo</c>; the defaults are the command's defaults (about 25 s in all).</summary>
public sealed record ElmoSettings
{
    /// <summary>Measuring time per server in each run, spent in alternating 250 ms slices.</summary>
    public double Seconds { get; init; } = 2;

    /// <summary>Concurrent closed-loop clients, one socket each.</summary>
    public int Clients { get; init; } = 1;

    public int Repeat { get; init; } = 5;
}
