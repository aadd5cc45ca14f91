using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Testbed.Blissdata.Encoding;

/// <summary>An n-dimensional block of little-endian numbers in C order: what a numeric stream entry carries.</summary>
public sealed class NdArray
{
    public NdArray(DType dtype, int[] shape, ReadOnlyMemory<byte> bytes)
    {
        var expected = (long)Count(shape) * dtype.ItemSize;
        if (bytes.Length != expected)
            throw new EncodingException($"{bytes.Length} bytes do not hold shape ({string.Join(", ", shape)}) of {dtype} ({expected} bytes)");
        DType = dtype;
        Shape = shape;
        Bytes = bytes;
    }

    public DType DType { get; }

    public int[] Shape { get; }

    public ReadOnlyMemory<byte> Bytes { get; }

    public long ElementCount => Count(Shape);

    public static NdArray From<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged =>
        new(DType.Of<T>(), shape, MemoryMarshal.AsBytes(values).ToArray());

    public static NdArray From<T>(T[] values, params int[] shape) where T : unmanaged =>
        From((ReadOnlySpan<T>)values, shape);

    /// <summary>An array over <paramref name="values"/> without copying them. A writer may send these bytes after
    /// <c>SendAsync</c> returns: do not change the array until the writer's <c>FlushAsync</c> has returned.</summary>
    public static NdArray Wrap<T>(T[] values, params int[] shape) where T : unmanaged =>
        new(DType.Of<T>(), shape, new CastMemory<T>(values).Memory);

    public static NdArray Scalar<T>(T value) where T : unmanaged => From([value], []);

    /// <summary>The elements as <typeparamref name="T"/>; its dtype must match exactly.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var want = DType.Of<T>();
        if (want != DType) throw new EncodingException($"data is {DType}, not {want}");
        return MemoryMarshal.Cast<byte, T>(Bytes.Span).ToArray();
    }

    /// <summary>The elements converted to double (complex values are refused).</summary>
    public double[] ToDoubles()
    {
        var span = Bytes.Span;
        var n = (int)ElementCount;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = span.Slice(i * DType.ItemSize, DType.ItemSize);
            result[i] = DType.Name switch
            {
                "bool" or "uint8" => s[0],
                "int8" => (sbyte)s[0],
                "uint16" => BinaryPrimitives.ReadUInt16LittleEndian(s),
                "int16" => BinaryPrimitives.ReadInt16LittleEndian(s),
                "uint32" => BinaryPrimitives.ReadUInt32LittleEndian(s),
                "int32" => BinaryPrimitives.ReadInt32LittleEndian(s),
                "uint64" => BinaryPrimitives.ReadUInt64LittleEndian(s),
                "int64" => BinaryPrimitives.ReadInt64LittleEndian(s),
                "float16" => (double)BinaryPrimitives.ReadHalfLittleEndian(s),
                "float32" => BinaryPrimitives.ReadSingleLittleEndian(s),
                "float64" => BinaryPrimitives.ReadDoubleLittleEndian(s),
                _ => throw new EncodingException($"{DType} cannot be converted to double"),
            };
        }
        return result;
    }

    /// <summary>Point <paramref name="i"/> along the first axis.</summary>
    public NdArray Point(int i)
    {
        if (Shape.Length == 0) throw new EncodingException("a scalar has no points along a first axis");
        var pointShape = Shape[1..];
        var size = (int)Count(pointShape) * DType.ItemSize;
        return new NdArray(DType, pointShape, Bytes.Slice(i * size, size));
    }

    /// <summary><paramref name="count"/> points along the first axis, from point <paramref name="start"/>.</summary>
    public NdArray Slice(int start, int count)
    {
        if (start == 0 && count == Shape[0]) return this;
        var size = (int)Count(Shape[1..]) * DType.ItemSize;
        return new NdArray(DType, [count, .. Shape[1..]], Bytes.Slice(start * size, count * size));
    }

    public static long Count(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    public override string ToString() => $"{DType}[{string.Join(",", Shape)}]";
}
