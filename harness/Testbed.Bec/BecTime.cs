namespace Testbed.Bec;

/// <summary>BEC's timestamps: float seconds since the Unix epoch (Python's time.time()), taken from a <see cref="TimeProvider"/>.</summary>
public static class BecTime
{
    public static double ToUnixSeconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).TotalSeconds;

    /// <summary>The clock's now as BEC writes it into timestamp fields.</summary>
    public static double Now(TimeProvider time) => ToUnixSeconds(time.GetUtcNow());
}
