using Testbed.Blissdata;
using Testbed.Blissdata.Reading;
using Testbed.Dashboard.Frames;
using Testbed.Dashboard.Plots;
using Testbed.Dashboard.Scans;

namespace Testbed.Dashboard.Export;

/// <summary>What <c>testbed scans plot</c> and <c>testbed scans frame</c> do: a scan's curves or one of its frames to a PNG file.</summary>
public static class ScanExport
{
    /// <summary>Writes the scalar channels of <paramref name="key"/> against its motor to <paramref name="outPath"/>; returns what was plotted.</summary>
    public static async Task<string> PlotAsync(DataStore store, string key, string outPath, int width = 900, int height = 540)
    {
        var curves = await ScanCurves.LoadAsync(store, key);
        var scan = await store.LoadScanAsync(key);
        var title = $"#{scan.Number} {ScanSummary.Text(scan.Info["title"]) ?? scan.Name}";
        PngFile.Write(outPath, ScanPlot.Png(curves, title, width, height));
        var points = curves.Layout.Curves.Max(c => curves.Values[c].Length);
        return $"{string.Join(", ", curves.Layout.Curves)} vs {curves.Layout.Motor ?? "point index"}, {points} points";
    }

    /// <summary>Writes frame <paramref name="index"/> of the detector stream <paramref name="streamName"/> (or the scan's only one); returns its source and ROI sum.</summary>
    public static async Task<string> FrameAsync(DataStore store, string key, long index, string outPath, string? streamName = null, string colourMap = "viridis", Roi? roi = null)
    {
        var scan = await store.LoadScanAsync(key);
        var stream = ImageStream(scan, streamName);
        var frame = await FrameReader.ReadAsync(stream, index);
        PngFile.Write(outPath, FramePlot.Png(frame, $"#{scan.Number} {stream.Name} frame {frame.Index}", colourMap, roi: roi));
        return $"{stream.Name} frame {frame.Index} ({frame.Width}×{frame.Height}) from {frame.Source}; sum {(roi is null ? "" : $"in {roi.X0},{roi.Y0},{roi.X1},{roi.Y1} ")}{frame.Sum(roi):G6}";
    }

    /// <summary>The detector stream named, or the only one; an error listing the candidates otherwise.</summary>
    public static ScanStream ImageStream(Scan scan, string? name)
    {
        if (scan.State < ScanState.Prepared)
            throw new BlissdataException($"scan {scan.Key} is {scan.State}: it has no streams before PREPARED; try again once it runs");
        var images = ScanLayout.Of(scan).Images;
        if (name is not null)
            return images.Contains(name) ? scan.Streams[name]
                : throw new BlissdataException($"scan {scan.Key} has no detector stream '{name}' (detector streams: {(images.Count == 0 ? "none" : string.Join(", ", images))})");
        return images.Count switch
        {
            0 => throw new BlissdataException($"scan {scan.Key} has no detector stream (lima or 2D)"),
            1 => scan.Streams[images[0]],
            _ => throw new BlissdataException($"scan {scan.Key} has {images.Count} detector streams ({string.Join(", ", images)}); choose one with --stream"),
        };
    }
}
