using System.Globalization;

namespace Testbed.Blissdata.Reading;

/// <summary>Redis stream ids <c>&lt;ms&gt;-&lt;seq&gt;</c>; for data streams ms is the first point index (§6.1).</summary>
internal static class StreamIds
{
    public static (ulong Ms, ulong Seq) Split(string id)
    {
        var dash = id.IndexOf('-');
        if (dash < 0) return (ulong.Parse(id, CultureInfo.InvariantCulture), 0);
        return (ulong.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    /// <summary>The id of the entry that starts at point <paramref name="index"/>.</summary>
    public static string Entry(long index) => string.Create(CultureInfo.InvariantCulture, $"{index}-1");

    /// <summary>The id just below the entry starting at <paramref name="index"/>: XREAD from it returns that entry first.</summary>
    public static string Before(long index) => string.Create(CultureInfo.InvariantCulture, $"{index}-0");

    /// <summary>The largest id with ms = <paramref name="index"/>, for XREVRANGE ends.</summary>
    public static string Upto(long index) => string.Create(CultureInfo.InvariantCulture, $"{index}-{ulong.MaxValue}");
}
