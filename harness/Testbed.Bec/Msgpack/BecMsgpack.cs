using System.Buffers;
using System.Text;

using MessagePack;

using Testbed.Bec.Codec;
using Testbed.Bec.Values;

namespace Testbed.Bec.Msgpack;

/// <summary>msgpack bytes ⇄ <see cref="BecValue"/> on MessagePack-CSharp's low-level reader and writer.</summary>
/// <remarks>
/// Writing follows Python's msgpack: ints in the smallest width (unsigned formats for non-negative values),
/// floats as float64, str as UTF-8 str (str8 from 32 bytes), bytes as bin. A value read with a non-minimal
/// int width would be written back minimal; BEC producers never write one. Codec nodes are written as their
/// <c>__bec_codec__</c> envelope.
/// </remarks>
public static class BecMsgpack
{
    /// <summary>Deepest nesting accepted when reading (BEC messages nest about ten levels).</summary>
    public const int MaxDepth = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads exactly one value. <paramref name="mapHook"/>, like Python's <c>object_hook</c>, is called on every map
    /// once its keys and values are read (keys first), innermost first; what it returns replaces the map.</summary>
    public static BecValue Decode(ReadOnlyMemory<byte> bytes, Func<BecMap, BecValue>? mapHook = null)
    {
        var reader = new MessagePackReader(bytes);
        BecValue value;
        try
        {
            value = Read(ref reader, mapHook, 0);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw new BecDecodeException($"not valid msgpack at byte {reader.Consumed} of {bytes.Length}: {e.Message}", e);
        }
        if (!reader.End)
            throw new BecDecodeException($"{bytes.Length - reader.Consumed} bytes left after the first msgpack value (ends at byte {reader.Consumed} of {bytes.Length})");
        return value;
    }

    /// <summary>The bytes of one value.</summary>
    public static byte[] Encode(BecValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one value; the writer is a struct, so it must be passed by reference.</summary>
    public static void Write(ref MessagePackWriter writer, BecValue value)
    {
        switch (value)
        {
            case BecNil:
                writer.WriteNil();
                break;
            case BecBool b:
                writer.Write(b.Value);
                break;
            case BecInt i:
                if (i.IsBeyondInt64) writer.Write(i.UInt64Value);
                else writer.Write(i.Value);
                break;
            case BecFloat f:
                if (f.IsFloat32) writer.Write((float)f.Value);
                else writer.Write(f.Value);
                break;
            case BecStr s:
                writer.Write(s.Value);
                break;
            case BecBin b:
                writer.Write(b.Value.Span);
                break;
            case BecExt e:
                writer.WriteExtensionFormat(new ExtensionResult(e.TypeCode, new ReadOnlySequence<byte>(e.Data)));
                break;
            case BecList l:
                writer.WriteArrayHeader(l.Count);
                foreach (var item in l) Write(ref writer, item);
                break;
            case BecMap m:
                writer.WriteMapHeader(m.Count);
                foreach (var (k, v) in m)
                {
                    Write(ref writer, k);
                    Write(ref writer, v);
                }
                break;
            case BecCodecValue c:
                writer.WriteMapHeader(1);
                writer.Write(BecCodec.EnvelopeKey);
                writer.WriteMapHeader(3);
                writer.Write("encoder_name");
                writer.Write(c.EncoderName);
                writer.Write("type_name");
                writer.Write(c.TypeName);
                writer.Write("data");
                Write(ref writer, c.EnvelopeData);
                break;
            default:
                throw new BecValueException($"cannot write a {value.GetType().Name} as msgpack");
        }
    }

    private static BecValue Read(ref MessagePackReader reader, Func<BecMap, BecValue>? hook, int depth)
    {
        if (depth > MaxDepth) throw new BecDecodeException($"msgpack nested deeper than {MaxDepth} levels at byte {reader.Consumed}");
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return BecValue.Nil;
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? BecBool.True : BecBool.False;
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? new BecInt(reader.ReadUInt64()) : new BecInt(reader.ReadInt64());
            case MessagePackType.Float:
                return reader.NextCode == MessagePackCode.Float32 ? new BecFloat(reader.ReadSingle(), isFloat32: true) : new BecFloat(reader.ReadDouble());
            case MessagePackType.String:
                {
                    var at = reader.Consumed;
                    var raw = reader.ReadStringSequence() ?? default;
                    try
                    {
                        return new BecStr(StrictUtf8.GetString(raw));
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new BecDecodeException($"str at byte {at} is not valid UTF-8 (Python's msgpack with raw=False refuses it too)", e);
                    }
                }
            case MessagePackType.Binary:
                return new BecBin((reader.ReadBytes() ?? default).ToArray());
            case MessagePackType.Extension:
                {
                    var ext = reader.ReadExtensionFormat();
                    return new BecExt(ext.TypeCode, ext.Data.ToArray());
                }
            case MessagePackType.Array:
                {
                    var n = reader.ReadArrayHeader();
                    var list = new BecList(n);
                    for (var i = 0; i < n; i++) list.Add(Read(ref reader, hook, depth + 1));
                    return list;
                }
            case MessagePackType.Map:
                {
                    var n = reader.ReadMapHeader();
                    var map = new BecMap(n);
                    for (var i = 0; i < n; i++)
                    {
                        var key = Read(ref reader, hook, depth + 1);
                        map.Add(key, Read(ref reader, hook, depth + 1));
                    }
                    return hook is null ? map : hook(map);
                }
            default:
                throw new BecDecodeException($"unknown msgpack code 0x{reader.NextCode:x2} at byte {reader.Consumed}");
        }
    }
}
