using Testbed.Dashboard.Scans;

namespace Testbed.Dashboard.Plots;

/// <summary>A PNG of a scan's scalar channels against its motor (or the point index), one line with markers per channel.</summary>
public static class ScanPlot
{
    public static byte[] Png(ScanCurves curves, string title, int width = 900, int height = 540)
    {
        var plot = new ScottPlot.Plot();
        foreach (var name in curves.Layout.Curves)
        {
            var y = curves.Values[name];
            var x = curves.X(y.Length);
            var n = Math.Min(x.Length, y.Length);
            if (n == 0) continue;
            var line = plot.Add.Scatter(x[..n], y[..n]);
            line.LegendText = name;
            line.MarkerSize = n > 200 ? 0 : 5;
        }
        plot.Title(title);
        plot.XLabel(curves.Layout.Motor ?? "point");
        plot.YLabel(curves.Layout.Curves.Count == 1 ? curves.Layout.Curves[0] : "value");
        if (curves.Layout.Curves.Count > 1) plot.ShowLegend();
        return plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
    }
}
