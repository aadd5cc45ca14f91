using Testbed.Blissdata;
using Testbed.Blissdata.Reading;

namespace Testbed.Dashboard.Scans;

/// <summary>Every point read so far of a scan's motor and scalar channels, as doubles by stream name.</summary>
public sealed record ScanCurves(ScanLayout Layout, IReadOnlyDictionary<string, double[]> Values)
{
    /// <summary>Reads all points in Redis of the layout's motor and curves.</summary>
    public static async Task<ScanCurves> ReadAsync(Scan scan, ScanLayout layout)
    {
        var values = new Dictionary<string, double[]>();
        foreach (var name in layout.Curves.Prepend(layout.Motor).OfType<string>())
            values[name] = (await scan.Streams[name].GetSliceAsync(0)).ToDoubles();
        return new ScanCurves(layout, values);
    }

    /// <summary>The x values: the motor's, or point indices when the scan has none.</summary>
    public double[] X(int count) => Layout.Motor is { } m ? Values[m] : Enumerable.Range(0, count).Select(i => (double)i).ToArray();

    /// <summary>Loads <paramref name="key"/> and reads its curves; refuses a scan with nothing to plot.</summary>
    public static async Task<ScanCurves> LoadAsync(DataStore store, string key)
    {
        var scan = await store.LoadScanAsync(key);
        if (scan.State < ScanState.Prepared)
            throw new BlissdataException($"scan {key} is {scan.State}: it has no streams before PREPARED; try again once it runs");
        var layout = ScanLayout.Of(scan);
        if (layout.Curves.Count == 0)
            throw new BlissdataException($"scan {key} has no scalar channel to plot (streams: {string.Join(", ", scan.Streams.Keys.Order(StringComparer.Ordinal))})");
        return await ReadAsync(scan, layout);
    }
}
