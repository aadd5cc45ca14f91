using System.Numerics;

namespace Testbed.Blissdata.Encoding;

/// <summary>A numpy dtype of §6.3: its name (<c>float64</c>), array-interface string (<c>&lt;f8</c>), kind and item size.</summary>
public sealed record DType(string Name, char Kind, int ItemSize)
{
    public static readonly DType Bool = new("bool", 'b', 1);
    public static readonly DType UInt8 = new("uint8", 'u', 1);
    public static readonly DType Int8 = new("int8", 'i', 1);
    public static readonly DType UInt16 = new("uint16", 'u', 2);
    public static readonly DType Int16 = new("int16", 'i', 2);
    public static readonly DType UInt32 = new("uint32", 'u', 4);
    public static readonly DType Int32 = new("int32", 'i', 4);
    public static readonly DType UInt64 = new("uint64", 'u', 8);
    public static readonly DType Int64 = new("int64", 'i', 8);
    public static readonly DType Float16 = new("float16", 'f', 2);
    public static readonly DType Float32 = new("float32", 'f', 4);
    public static readonly DType Float64 = new("float64", 'f', 8);
    public static readonly DType Complex64 = new("complex64", 'c', 8);
    public static readonly DType Complex128 = new("complex128", 'c', 16);

    public static IReadOnlyList<DType> All { get; } =
        [Bool, UInt8, Int8, UInt16, Int16, UInt32, Int32, UInt64, Int64, Float16, Float32, Float64, Complex64, Complex128];

    /// <summary>numpy's <c>dtype.str</c> for the little-endian form we write (<c>|</c> for one-byte types).</summary>
    public string Str => $"{(ItemSize == 1 ? '|' : '<')}{Kind}{ItemSize}";

    public static DType FromName(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new EncodingException($"dtype '{name}' is not one of blissdata's numeric dtypes ({string.Join(", ", All.Select(d => d.Name))})");

    /// <summary>Parses a numpy array-interface string; also reports whether it is big-endian.</summary>
    public static (DType DType, bool BigEndian) FromStr(string str)
    {
        if (str.Length < 3 || str[0] is not ('<' or '>' or '|' or '='))
            throw new EncodingException($"dtype_str '{str}' is not a numpy array-interface string such as '<f8'");
        var kind = str[1];
        if (!int.TryParse(str.AsSpan(2), out var size))
            throw new EncodingException($"dtype_str '{str}': item size '{str[2..]}' is not a number");
        var d = All.FirstOrDefault(x => x.Kind == kind && x.ItemSize == size)
                ?? throw new EncodingException($"dtype_str '{str}' is not supported (kinds b, i, u, f, c; long double excluded)");
        return (d, str[0] == '>' && size > 1);
    }

    /// <summary>The dtype that a C# element type is written as.</summary>
    public static DType Of<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(bool) => Bool,
        var t when t == typeof(byte) => UInt8,
        var t when t == typeof(sbyte) => Int8,
        var t when t == typeof(ushort) => UInt16,
        var t when t == typeof(short) => Int16,
        var t when t == typeof(uint) => UInt32,
        var t when t == typeof(int) => Int32,
        var t when t == typeof(ulong) => UInt64,
        var t when t == typeof(long) => Int64,
        var t when t == typeof(Half) => Float16,
        var t when t == typeof(float) => Float32,
        var t when t == typeof(double) => Float64,
        var t when t == typeof(Complex) => Complex128,
        var t => throw new EncodingException($"C# type {t.Name} has no blissdata dtype; use bool, integers, Half, float, double or Complex"),
    };

    public override string ToString() => Name;
}
