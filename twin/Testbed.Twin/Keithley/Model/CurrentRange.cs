namespace Testbed.Twin.Keithley.Model;

/// <summary>The eight current ranges of the 6485/6487 (2 nA … 20 mA, decades) and the choice rules.</summary>
public static class CurrentRange
{
    public static readonly IReadOnlyList<double> Ranges = [2e-9, 2e-8, 2e-7, 2e-6, 2e-5, 2e-4, 2e-3, 2e-2];

    /// <summary>Readings beyond this fraction of the range are overflow (the instrument reads 5 % over range).</summary>
    public const double OverrangeFactor = 1.05;

    /// <summary>The smallest range ≥ |<paramref name="amperes"/>|, or null when above 20 mA.</summary>
    public static double? AtLeast(double amperes)
    {
        var a = Math.Abs(amperes);
        foreach (var r in Ranges)
            if (r >= a * (1 - 1e-9)) return r;
        return null;
    }

    /// <summary>The range auto-ranging settles on for <paramref name="amperes"/>: the smallest that does not overflow.</summary>
    public static double Auto(double amperes)
    {
        var a = Math.Abs(amperes);
        foreach (var r in Ranges)
            if (a <= r * OverrangeFactor) return r;
        return Ranges[^1];
    }
}
