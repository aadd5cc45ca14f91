using System.Runtime.InteropServices;

namespace Testbed.Bec.Codec;

/// <summary>numpy array-protocol type strings (<c>&lt;f8</c>, <c>|u1</c>, …) and the .NET element types they map to.</summary>
public static class NumpyDType
{
    private static readonly (Type Type, string Str, string ScalarName)[] Table =
    [
        (typeof(bool), "|b1", "bool"),
        (typeof(byte), "|u1", "uint8"),
        (typeof(sbyte), "|i1", "int8"),
        (typeof(ushort), "<u2", "uint16"),
        (typeof(short), "<i2", "int16"),
        (typeof(uint), "<u4", "uint32"),
        (typeof(int), "<i4", "int32"),
        (typeof(ulong), "<u8", "uint64"),
        (typeof(long), "<i8", "int64"),
        (typeof(float), "<f4", "float32"),
        (typeof(double), "<f8", "float64"),
    ];

    /// <summary>The type string numpy writes for <typeparamref name="T"/> on a little-endian machine.</summary>
    public static string Of<T>() where T : unmanaged => Find(typeof(T)).Str;

    /// <summary>numpy's scalar class name for <typeparamref name="T"/> (the <c>type_name</c> of a numpy-scalar envelope).</summary>
    public static string ScalarNameOf<T>() where T : unmanaged => Find(typeof(T)).ScalarName;

    /// <summary>Bytes per element, from the digits after the kind letter.</summary>
    public static int ItemSize(string dtype)
    {
        if (dtype.Length < 3 || !int.TryParse(dtype.AsSpan(2), out var size) || size <= 0)
            throw new BecValueException($"'{dtype}' is not a numpy type string such as '<f8' or '|u1'");
        return size;
    }

    /// <summary>True when the bytes are in this machine's order (little-endian '&lt;', or '|' for single bytes).</summary>
    public static bool IsNativeOrder(string dtype) =>
        dtype.Length > 0 && (dtype[0] == '|' || dtype[0] == '=' || (dtype[0] == '<') == BitConverter.IsLittleEndian);

    internal static void Require<T>(string dtype) where T : unmanaged
    {
        var want = Of<T>();
        if (!string.Equals(dtype, want, StringComparison.Ordinal))
            throw new BecValueException($"data of dtype '{dtype}' cannot be read as {typeof(T).Name} ('{want}'); read it as its own type or with ToDoubles()");
    }

    /// <summary>Each element of native-order real or integer data as a double (bool as 0/1).</summary>
    internal static double[] ToDoubles(string dtype, ReadOnlySpan<byte> bytes)
    {
        if (!IsNativeOrder(dtype)) throw new BecValueException($"dtype '{dtype}' is not in this machine's byte order");
        return dtype[1..] switch
        {
            "b1" => [.. bytes.ToArray().Select(b => b != 0 ? 1.0 : 0.0)],
            "u1" => [.. bytes.ToArray().Select(b => (double)b)],
            "i1" => [.. MemoryMarshal.Cast<byte, sbyte>(bytes).ToArray().Select(v => (double)v)],
            "u2" => [.. MemoryMarshal.Cast<byte, ushort>(bytes).ToArray().Select(v => (double)v)],
            "i2" => [.. MemoryMarshal.Cast<byte, short>(bytes).ToArray().Select(v => (double)v)],
            "u4" => [.. MemoryMarshal.Cast<byte, uint>(bytes).ToArray().Select(v => (double)v)],
            "i4" => [.. MemoryMarshal.Cast<byte, int>(bytes).ToArray().Select(v => (double)v)],
            "u8" => [.. MemoryMarshal.Cast<byte, ulong>(bytes).ToArray().Select(v => (double)v)],
            "i8" => [.. MemoryMarshal.Cast<byte, long>(bytes).ToArray().Select(v => (double)v)],
            "f4" => [.. MemoryMarshal.Cast<byte, float>(bytes).ToArray().Select(v => (double)v)],
            "f8" => MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
            _ => throw new BecValueException($"dtype '{dtype}' is not a real number type"),
        };
    }

    private static (Type Type, string Str, string ScalarName) Find(Type t)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("numpy data is written little-endian; this machine is big-endian");
        foreach (var row in Table)
            if (row.Type == t) return row;
        throw new BecValueException($"{t.Name} has no numpy dtype here; use bool, byte, sbyte, (u)short, (u)int, (u)long, float or double");
    }
}
