using System.Globalization;

namespace Testbed.Bench.Rendering;

/// <summary>Numbers as the tables show them: three significant figures or so, thousands separated, M for millions.</summary>
public static class Quantity
{
    /// <summary>A value: "114.2 M", "37,221", "47.2", "0.94"; "—" for no number.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "—";
        var magnitude = Math.Abs(value);
        var c = CultureInfo.InvariantCulture;
        return magnitude switch
        {
            >= 1e7 => string.Create(c, $"{value / 1e6:F1} M"),
            >= 100 => value.ToString("N0", c),
            >= 10 => value.ToString("F1", c),
            _ => value.ToString("F2", c),
        };
    }

    /// <summary>A ratio: "0.94×".</summary>
    public static string Ratio(double ratio) => double.IsNaN(ratio) ? "—" : string.Create(CultureInfo.InvariantCulture, $"{ratio:F2}×");

    /// <summary>A range "0.91–0.97" of ratios or values; the single value when min = max.</summary>
    public static string Range(double min, double max, bool ratio)
    {
        if (double.IsNaN(min)) return "—";
        string F(double v) => ratio ? string.Create(CultureInfo.InvariantCulture, $"{v:F2}") : Format(v);
        return min == max ? F(min) : $"{F(min)}–{F(max)}";
    }
}
