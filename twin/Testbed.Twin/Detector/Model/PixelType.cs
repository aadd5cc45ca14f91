namespace Testbed.Twin.Detector.Model;

/// <summary>The pixel data types the detector can produce (areaDetector NDDataType subset).</summary>
public enum PixelType
{
    UInt8,
    UInt16,
    UInt32,
    Float32,
}

/// <summary>Sizes and names of <see cref="PixelType"/> values.</summary>
public static class PixelTypes
{
    public static int BytesPerPixel(this PixelType type) => type switch
    {
        PixelType.UInt8 => 1,
        PixelType.UInt16 => 2,
        PixelType.UInt32 => 4,
        PixelType.Float32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The numpy name (<c>uint16</c> …), also used in configuration.</summary>
    public static string Name(this PixelType type) => type.ToString().ToLowerInvariant();

    /// <summary>Largest representable value (saturation level of integer types).</summary>
    public static double MaxValue(this PixelType type) => type switch
    {
        PixelType.UInt8 => byte.MaxValue,
        PixelType.UInt16 => ushort.MaxValue,
        PixelType.UInt32 => uint.MaxValue,
        _ => float.MaxValue,
    };

    public static bool IsInteger(this PixelType type) => type != PixelType.Float32;

    /// <summary>Parses <c>uint8|uint16|uint32|float32</c>; null if unknown.</summary>
    public static PixelType? Parse(string text) => text.ToLowerInvariant() switch
    {
        "uint8" => PixelType.UInt8,
        "uint16" => PixelType.UInt16,
        "uint32" => PixelType.UInt32,
        "float32" => PixelType.Float32,
        _ => null,
    };

    public static readonly string[] Names = ["uint8", "uint16", "uint32", "float32"];
}
