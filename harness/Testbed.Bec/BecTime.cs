namespace Testbed.Bec;

/// <summary>BEC's timestamps: float seconds since the Unix epoch (Python's time.time()), taken from a <see cref="TimeProvider"/>.</summary>
public static class BecTime
{
    /// <remarks>Whole seconds plus the fraction, so a time with 100 ns resolution gives the double Python prints for it
    /// (1796162100.7346141), where ticks / 1e7 in one division would round differently.</remarks>
    public static double ToUnixSeconds(DateTimeOffset time)
    {
        var ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        var whole = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var fraction);
        if (fraction < 0)
        {
            whole--;
            fraction += TimeSpan.TicksPerSecond;
        }
        return whole + fraction / (double)TimeSpan.TicksPerSecond;
    }

    /// <summary>The clock's now as BEC writes it into timestamp fields.</summary>
    public static double Now(TimeProvider time) => ToUnixSeconds(time.GetUtcNow());
}
