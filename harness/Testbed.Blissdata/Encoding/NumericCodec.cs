using MessagePack;
using System.Buffers;

namespace Testbed.Blissdata.Encoding;

/// <summary>Payload bytes of numeric stream entries (§6.3): raw C-order bytes for fixed shapes, msgpack <c>[shape, bin]</c> for variable ones.</summary>
public static class NumericCodec
{
    /// <summary>Checks <paramref name="data"/> against the stream and returns how many points it holds.</summary>
    /// <remarks>A stream of point shape S accepts data of shape S (one point) or (n, *S) (a batch).</remarks>
    public static int CountPoints(StreamEncoding stream, NdArray data, string streamName)
    {
        if (stream.DType is null) throw new EncodingException($"stream '{streamName}' is a JSON stream; send JSON values, not arrays");
        if (data.DType != stream.DType)
            throw new EncodingException($"stream '{streamName}' holds {stream.DType} ({stream.DTypeStr}); got {data.DType}. Convert the data before sending.");
        var s = stream.Shape;
        var d = data.Shape;
        int n;
        ReadOnlySpan<int> point;
        if (d.Length == s.Length) { n = 1; point = d; }
        else if (d.Length == s.Length + 1) { n = d[0]; point = d.AsSpan(1); }
        else throw WrongShape(streamName, s, d);
        for (var i = 0; i < s.Length; i++)
            if (s[i] != -1 && s[i] != point[i]) throw WrongShape(streamName, s, d);
        if (n == 0 || data.ElementCount == 0)
            throw new EncodingException($"stream '{streamName}': empty data (shape ({string.Join(", ", d)})); blissdata has no zero-point entries");
        return n;
    }

    private static EncodingException WrongShape(string name, int[] s, int[] d) =>
        new($"stream '{name}' has point shape ({string.Join(", ", s)}); data of shape ({string.Join(", ", d)}) is neither one point nor a batch (n, {string.Join(", ", s)})");

    /// <summary>The payload for one entry holding <paramref name="points"/> points (already checked).</summary>
    public static byte[] Encode(StreamEncoding stream, NdArray data, int points)
    {
        if (!stream.IsVariableShape) return data.Bytes.ToArray();
        var pointShape = data.Shape.Length == stream.Shape.Length ? data.Shape : data.Shape[1..];
        var buffer = new ArrayBufferWriter<byte>(data.Bytes.Length + 16 + 5 * pointShape.Length);
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(2);
        w.WriteArrayHeader(pointShape.Length);
        foreach (var dim in pointShape) w.Write(dim);
        w.Write(data.Bytes.Span);
        w.Flush();
        _ = points;
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one entry into an array of shape (len, *point shape).</summary>
    public static NdArray Decode(StreamEncoding stream, ReadOnlyMemory<byte> payload, int len, string where)
    {
        var dtype = stream.DType ?? throw new EncodingException($"{where}: not a numeric stream");
        int[] pointShape;
        ReadOnlyMemory<byte> raw;
        if (stream.IsVariableShape) (pointShape, raw) = ReadVariable(payload, where);
        else
        {
            pointShape = stream.Shape;
            raw = payload;
        }
        if (pointShape.Any(d => d < 0))
            throw new EncodingException($"{where}: point shape ({string.Join(", ", pointShape)}) has a negative dimension");
        long pointBytes;
        try { pointBytes = checked(NdArray.Count(pointShape) * dtype.ItemSize); }
        catch (OverflowException) { throw new EncodingException($"{where}: point shape ({string.Join(", ", pointShape)}) is too large"); }
        if (pointBytes == 0 || raw.Length % pointBytes != 0 || raw.Length / pointBytes != len)
            throw new EncodingException($"{where}: payload of {raw.Length} bytes is not {len} point(s) of shape ({string.Join(", ", pointShape)}) {dtype}");
        if (stream.BigEndian) raw = Swap(raw.Span, dtype.Kind == 'c' ? dtype.ItemSize / 2 : dtype.ItemSize);
        return new NdArray(dtype, [len, .. pointShape], raw);
    }

    // msgpack [shape, bin]; anything else (other types, truncated, oversized) is the payload's fault, not the reader's.
    private static (int[] Shape, ReadOnlyMemory<byte> Raw) ReadVariable(ReadOnlyMemory<byte> payload, string where)
    {
        try
        {
            var r = new MessagePackReader(payload);
            if (r.ReadArrayHeader() != 2) throw new EncodingException($"{where}: variable-shape payload is not a 2-element msgpack array");
            var shape = new int[r.ReadArrayHeader()];
            for (var i = 0; i < shape.Length; i++) shape[i] = r.ReadInt32();
            var bin = r.ReadBytes() ?? throw new EncodingException($"{where}: variable-shape payload has no bin data");
            return (shape, bin.ToArray());
        }
        catch (Exception e) when (e is MessagePackSerializationException or System.IO.EndOfStreamException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new EncodingException($"{where}: variable-shape payload is not msgpack [shape, bin] ({e.Message})");
        }
    }

    private static byte[] Swap(ReadOnlySpan<byte> src, int size)
    {
        var dst = src.ToArray();
        for (var i = 0; i < dst.Length; i += size) dst.AsSpan(i, size).Reverse();
        return dst;
    }
}
