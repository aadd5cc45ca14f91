namespace Testbed.Twin.Detector.Model;

/// <summary>Converts computed pixel values to the detector's pixel type.</summary>
public static class PixelConversion
{
    /// <summary>Integer types either wrap (modulo 2^bits, like an integer counter) or saturate at [0, max]; float32 keeps the value.</summary>
    public static Array Convert(double[] v, PixelType type, bool wrap)
    {
        switch (type)
        {
            case PixelType.UInt8:
            {
                var a = new byte[v.Length];
                for (var i = 0; i < v.Length; i++) a[i] = unchecked((byte)ToInteger(v[i], byte.MaxValue, wrap));
                return a;
            }
            case PixelType.UInt16:
            {
                var a = new ushort[v.Length];
                for (var i = 0; i < v.Length; i++) a[i] = unchecked((ushort)ToInteger(v[i], ushort.MaxValue, wrap));
                return a;
            }
            case PixelType.UInt32:
            {
                var a = new uint[v.Length];
                for (var i = 0; i < v.Length; i++) a[i] = unchecked((uint)ToInteger(v[i], uint.MaxValue, wrap));
                return a;
            }
            default:
            {
                var a = new float[v.Length];
                for (var i = 0; i < v.Length; i++) a[i] = (float)v[i];
                return a;
            }
        }
    }

    private static long ToInteger(double value, long max, bool wrap)
    {
        var floor = Math.Floor(value);
        if (wrap) return floor >= long.MaxValue || floor <= long.MinValue ? 0 : (long)floor;
        return floor <= 0 ? 0 : floor >= max ? max : (long)floor;
    }
}
