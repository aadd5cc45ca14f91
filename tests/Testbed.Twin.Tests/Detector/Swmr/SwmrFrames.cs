using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector.Swmr;

/// <summary>Frames with a distinct value in every pixel of every frame, so a misplaced or stale frame is seen.</summary>
internal static class SwmrFrames
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Frame <paramref name="n"/> (0-based; UniqueId n + 1): pixel i = n·97 + i, wrapped to the type.</summary>
    public static Frame Make(int n, int width, int height, PixelType type)
    {
        var count = width * height;
        Array pixels = type switch
        {
            PixelType.UInt8 => Enumerable.Range(0, count).Select(i => (byte)(n * 97 + i)).ToArray(),
            PixelType.UInt16 => Enumerable.Range(0, count).Select(i => (ushort)(n * 97 + i)).ToArray(),
            PixelType.UInt32 => Enumerable.Range(0, count).Select(i => (uint)(n * 97 + i) * 65537u).ToArray(),
            _ => Enumerable.Range(0, count).Select(i => (n * 97 + i) * 0.25f).ToArray(),
        };
        return new Frame(width, height, type, pixels, n + 1, Start.AddSeconds(n * 0.1), 0.05);
    }

    /// <summary>The raw bytes of frames 0..count-1.</summary>
    public static byte[] Bytes(int count, int width, int height, PixelType type) =>
        [.. Enumerable.Range(0, count).SelectMany(n => Make(n, width, height, type).Bytes.ToArray())];
}
