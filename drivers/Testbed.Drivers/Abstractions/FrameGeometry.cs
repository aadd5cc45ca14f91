namespace Testbed.Drivers.Abstractions;

/// <summary>The size and pixel type of the frames a detector writes.</summary>
/// <param name="Width">Pixels per row (x).</param>
/// <param name="Height">Rows (y).</param>
/// <param name="PixelType">numpy name of the pixel type, e.g. <c>uint16</c>.</param>
public sealed record FrameGeometry(int Width, int Height, string PixelType);
