using System.Runtime.InteropServices;

using Testbed.Bec.Values;

namespace Testbed.Bec.Codec;

/// <summary>A numpy array (encoder <c>ndarray</c>): dtype string, shape, raw C-order bytes; inner keys are msgpack bin.</summary>
public sealed class NdArray : BecCodecValue
{
    private static readonly byte[] EmptyKind = [];

    public NdArray(string dtype, IReadOnlyList<long> shape, ReadOnlyMemory<byte> bytes)
        : this("ndarray", "ndarray", dtype, shape, bytes)
    {
    }

    private NdArray(string encoderName, string typeName, string dtype, IReadOnlyList<long> shape, ReadOnlyMemory<byte> bytes)
    {
        EncoderName = encoderName;
        TypeName = typeName;
        DType = dtype;
        Shape = [.. shape];
        Bytes = bytes;
        long n = 1;
        foreach (var d in Shape)
        {
            if (d < 0) throw new BecValueException($"ndarray shape [{string.Join(", ", Shape)}] has a negative dimension");
            n *= d;
        }
        Length = n;
        var expected = n * NumpyDType.ItemSize(dtype);
        if (expected != bytes.Length)
            throw new BecValueException($"ndarray of dtype '{dtype}' and shape [{string.Join(", ", Shape)}] needs {expected} bytes, got {bytes.Length}");
    }

    public override string EncoderName { get; }

    public override string TypeName { get; }

    /// <summary>numpy type string, e.g. <c>&lt;u2</c>.</summary>
    public string DType { get; }

    public IReadOnlyList<long> Shape { get; }

    public int NDim => Shape.Count;

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>Raw element bytes in C order.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>An array of <typeparamref name="T"/> elements with the given shape (C order; the default shape is 1-D).</summary>
    public static NdArray From<T>(ReadOnlySpan<T> data, params long[] shape) where T : unmanaged
    {
        IReadOnlyList<long> s = shape.Length == 0 ? [data.Length] : shape;
        return new NdArray(NumpyDType.Of<T>(), s, MemoryMarshal.AsBytes(data).ToArray());
    }

    /// <summary>The elements as <typeparamref name="T"/>, which must be the array's own dtype.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        NumpyDType.Require<T>(DType);
        return MemoryMarshal.Cast<byte, T>(Bytes.Span).ToArray();
    }

    /// <summary>Every element as a double, whatever the real or integer dtype.</summary>
    public double[] ToDoubles() => NumpyDType.ToDoubles(DType, Bytes.Span);

    public override BecValue EnvelopeData => new BecMap(5)
    {
        { new BecBin("nd"u8.ToArray()), BecBool.True },
        { new BecBin("type"u8.ToArray()), new BecStr(DType) },
        { new BecBin("kind"u8.ToArray()), new BecBin(EmptyKind) },
        { new BecBin("shape"u8.ToArray()), new BecList(Shape.Select(d => (BecValue)new BecInt(d))) },
        { new BecBin("data"u8.ToArray()), new BecBin(Bytes) },
    };

    internal override string? FormatHead() => $"ndarray({DType}, shape [{string.Join(", ", Shape)}])";

    /// <summary>The array, when <paramref name="data"/> is exactly numpy's map for a plain (not structured or object) array.</summary>
    internal static NdArray? TryLift(string encoderName, string typeName, BecMap data)
    {
        if (data.Count != 5
            || !IsBinKey(data, 0, "nd", out var nd) || !nd.Equals(BecBool.True)
            || !IsBinKey(data, 1, "type", out var type) || type is not BecStr dtype
            || !IsBinKey(data, 2, "kind", out var kind) || kind is not BecBin { Value.Length: 0 }
            || !IsBinKey(data, 3, "shape", out var shape) || shape is not BecList dims
            || !IsBinKey(data, 4, "data", out var raw) || raw is not BecBin bytes)
            return null;
        var list = new List<long>(dims.Count);
        foreach (var d in dims)
        {
            if (d is not BecInt { IsBeyondInt64: false } i || i.Value < 0) return null;
            list.Add(i.Value);
        }
        try
        {
            return new NdArray(encoderName, typeName, dtype.Value, list, bytes.Value);
        }
        catch (BecValueException)
        {
            return null;
        }
    }

    internal static bool IsBinKey(BecMap map, int index, string name, out BecValue value)
    {
        var (k, v) = map.Entries[index];
        value = v;
        return k is BecBin b && b.Value.Span.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(name));
    }
}
