using SkiaSharp;

namespace Testbed.Dashboard.Tests.Support;

/// <summary>Checks on PNG bytes: it decodes, its size, and how many distinct colours it has (a blank image has one).</summary>
public static class Png
{
    public static (int Width, int Height, int Colours) Inspect(byte[] bytes)
    {
        Assert.That(bytes.Take(8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.That(bitmap, Is.Not.Null, "the PNG decodes");
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
                colours.Add((uint)bitmap.GetPixel(x, y));
        return (bitmap.Width, bitmap.Height, colours.Count);
    }
}
