using Testbed.Dashboard.Frames;

namespace Testbed.Dashboard.Plots;

/// <summary>A PNG of a detector frame as a heat map with a colour bar; the colour scale is a named map and an optional range.</summary>
public static class FramePlot
{
    /// <summary>The colour maps offered (names as the page and the command take them).</summary>
    public static IReadOnlyList<string> ColourMaps { get; } = ["viridis", "gray", "inferno", "turbo"];

    public static byte[] Png(Frame frame, string title, string colourMap = "viridis", double? min = null, double? max = null, Roi? roi = null, int width = 0, int height = 0)
    {
        var plot = new ScottPlot.Plot();
        var heat = plot.Add.Heatmap(Grid(frame));
        heat.Colormap = Map(colourMap);
        if (min is not null || max is not null) heat.ManualRange = new ScottPlot.Range(min ?? frame.Min, max ?? frame.Max);
        plot.Add.ColorBar(heat);
        if (roi is not null)
        {
            var r = roi.Clip(frame.Width, frame.Height);
            // Cells are centred on integer coordinates: pixel (x, y) covers [x − ½, x + ½] × [y − ½, y + ½].
            var box = plot.Add.Rectangle(r.X0 - 0.5, r.X1 - 0.5, r.Y0 - 0.5, r.Y1 - 0.5);
            box.FillStyle.Color = ScottPlot.Colors.Transparent;
            box.LineStyle.Color = ScottPlot.Colors.Red;
            box.LineStyle.Width = 2;
        }
        plot.Title(title);
        plot.Axes.SquareUnits();
        // Image convention, as ROIs are given: y = 0 is the top row.
        plot.Axes.InvertY();
        var w = width > 0 ? width : Math.Clamp(frame.Width * 2 + 160, 360, 1000);
        var h = height > 0 ? height : Math.Clamp(frame.Height * 2 + 120, 300, 1000);
        return plot.GetImageBytes(w, h, ScottPlot.ImageFormat.Png);
    }

    public static ScottPlot.IColormap Map(string name) => name.ToLowerInvariant() switch
    {
        "viridis" => new ScottPlot.Colormaps.Viridis(),
        "gray" or "grey" => new ScottPlot.Colormaps.Grayscale(),
        "inferno" => new ScottPlot.Colormaps.Inferno(),
        "turbo" => new ScottPlot.Colormaps.Turbo(),
        _ => throw new ArgumentException($"colour map '{name}': choose one of {string.Join(", ", ColourMaps)}"),
    };

    /// <summary>Row-major pixels as the [row, column] grid the heat map takes; with the inverted y axis row y is drawn at y.</summary>
    private static double[,] Grid(Frame f)
    {
        var g = new double[f.Height, f.Width];
        for (var y = 0; y < f.Height; y++)
            for (var x = 0; x < f.Width; x++)
                g[y, x] = f.Pixels[y * f.Width + x];
        return g;
    }
}
