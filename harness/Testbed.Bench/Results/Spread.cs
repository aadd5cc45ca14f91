namespace Testbed.Bench.Results;

/// <summary>Median and min–max range of a quantity over the repetitions of a case.</summary>
/// <remarks>A repetition that produced no number (NaN) makes the whole spread NaN: a failed repetition is shown, never dropped.</remarks>
public sealed record Spread(double Median, double Min, double Max, int Count)
{
    /// <summary>The spread of <paramref name="values"/> (at least one).</summary>
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) throw new ArgumentException("a spread needs at least one value", nameof(values));
        if (sorted.Any(double.IsNaN)) return new Spread(double.NaN, double.NaN, double.NaN, sorted.Length);
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }
}
