using System.Runtime.InteropServices;

namespace Testbed.Twin.Detector.Model;

/// <summary>One detector image (an NDArray): pixels row-major [y, x] plus the identity and time stamps areaDetector attaches.</summary>
public sealed class Frame
{
    public Frame(int width, int height, PixelType type, Array pixels, int uniqueId, DateTimeOffset timestamp, double exposureSeconds)
    {
        if (pixels.Length != width * height) throw new ArgumentException($"pixel array has {pixels.Length} elements, expected {width}×{height}", nameof(pixels));
        Width = width;
        Height = height;
        Type = type;
        Pixels = pixels;
        UniqueId = uniqueId;
        Timestamp = timestamp;
        ExposureSeconds = exposureSeconds;
    }

    public int Width { get; }

    public int Height { get; }

    public PixelType Type { get; }

    /// <summary>A <c>byte[]</c>, <c>ushort[]</c>, <c>uint[]</c> or <c>float[]</c> matching <see cref="Type"/>.</summary>
    public Array Pixels { get; }

    /// <summary>The detector's array counter when this frame was made (NDArrayUniqueId), 1-based.</summary>
    public int UniqueId { get; }

    /// <summary>End of the exposure, in the detector's (virtual) time.</summary>
    public DateTimeOffset Timestamp { get; }

    public double ExposureSeconds { get; }

    public int ByteCount => Width * Height * Type.BytesPerPixel();

    /// <summary>The pixels as typed array; throws if <typeparamref name="T"/> is not the frame's type.</summary>
    public T[] As<T>() where T : unmanaged => Pixels as T[]
        ?? throw new InvalidOperationException($"frame holds {Type.Name()} pixels, not {typeof(T).Name}");

    /// <summary>The raw little-endian pixel bytes (the host is little-endian).</summary>
    public ReadOnlySpan<byte> Bytes => Type switch
    {
        PixelType.UInt8 => As<byte>(),
        PixelType.UInt16 => MemoryMarshal.AsBytes(As<ushort>().AsSpan()),
        PixelType.UInt32 => MemoryMarshal.AsBytes(As<uint>().AsSpan()),
        _ => MemoryMarshal.AsBytes(As<float>().AsSpan()),
    };

    /// <summary>Pixel (x, y) as a double, for checks and previews.</summary>
    public double this[int x, int y] => Type switch
    {
        PixelType.UInt8 => As<byte>()[y * Width + x],
        PixelType.UInt16 => As<ushort>()[y * Width + x],
        PixelType.UInt32 => As<uint>()[y * Width + x],
        _ => As<float>()[y * Width + x],
    };

    /// <summary>EPICS time stamp: seconds since 1990-01-01 UTC and nanoseconds, as areaDetector stores them.</summary>
    public (uint Seconds, uint Nanoseconds) EpicsTime
    {
        get
        {
            var since = Timestamp - EpicsEpoch;
            var ticks = Math.Max(0, since.Ticks);
            return ((uint)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
        }
    }

    /// <summary>NDArrayTimeStamp: EPICS seconds + nanoseconds/1e9.</summary>
    public double EpicsTimeStamp => EpicsTime.Seconds + EpicsTime.Nanoseconds / 1e9;

    public static readonly DateTimeOffset EpicsEpoch = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
