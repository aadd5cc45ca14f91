namespace Testbed.Dashboard.Frames;

/// <summary>One detector frame as doubles, row-major (<c>y * Width + x</c>), with where it came from.</summary>
public sealed record Frame(long Index, int Width, int Height, double[] Pixels, string Source)
{
    public double Min => Pixels.Length == 0 ? 0 : Pixels.Min();

    public double Max => Pixels.Length == 0 ? 0 : Pixels.Max();

    public double this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Sum of the pixels in the rectangle [x0, x1) × [y0, y1), clipped to the frame; the whole frame when <paramref name="roi"/> is null.</summary>
    public double Sum(Roi? roi = null)
    {
        var r = (roi ?? new Roi(0, 0, Width, Height)).Clip(Width, Height);
        var sum = 0.0;
        for (var y = r.Y0; y < r.Y1; y++)
            for (var x = r.X0; x < r.X1; x++)
                sum += Pixels[y * Width + x];
        return sum;
    }
}

/// <summary>A rectangular region of interest, [X0, X1) × [Y0, Y1) in pixels.</summary>
public sealed record Roi(int X0, int Y0, int X1, int Y1)
{
    public Roi Clip(int width, int height) =>
        new(Math.Clamp(X0, 0, width), Math.Clamp(Y0, 0, height), Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height));

    /// <summary>Parses "x0,y0,x1,y1"; null for null or empty text.</summary>
    public static Roi? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)))
            throw new ArgumentException($"roi '{text}': write x0,y0,x1,y1 in pixels, e.g. 10,10,30,20");
        var v = parts.Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (v[2] <= v[0] || v[3] <= v[1]) throw new ArgumentException($"roi '{text}': x1 must be above x0 and y1 above y0");
        return new Roi(v[0], v[1], v[2], v[3]);
    }
}
