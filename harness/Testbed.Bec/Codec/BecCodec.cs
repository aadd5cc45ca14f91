using Testbed.Bec.Messages;
using Testbed.Bec.Msgpack;
using Testbed.Bec.Values;

namespace Testbed.Bec.Codec;

/// <summary>BEC's msgpack serialization (bec_lib's <c>MsgpackSerialization</c>): bytes ⇄ values with <c>__bec_codec__</c> envelopes as typed nodes.</summary>
/// <remarks>
/// Decoding applies the codec hook to every map, keys included (a device object can be a map key), innermost
/// first, as Python's <c>object_hook</c> does. An envelope becomes a node only when it has exactly BEC's shape
/// (one key <c>__bec_codec__</c>; <c>encoder_name</c>, <c>type_name</c>, <c>data</c> in that order); such nodes
/// write back the same bytes. Envelopes of unknown encoders stay <see cref="RawCodecValue"/>s.
/// This is the one place that knows the envelope format, which PSI plans to replace.
/// </remarks>
public static class BecCodec
{
    public const string EnvelopeKey = "__bec_codec__";

    /// <summary>Decodes a payload; with <paramref name="validate"/>, every message in it is checked as BEC's pydantic classes would.</summary>
    public static BecValue Decode(ReadOnlyMemory<byte> bytes, bool validate = true) => BecMsgpack.Decode(bytes, map => Lift(map, validate));

    /// <summary>Decodes a payload that must be one BEC message.</summary>
    public static BecMessage DecodeMessage(ReadOnlyMemory<byte> bytes, bool validate = true) =>
        Decode(bytes, validate) as BecMessage is { } m
            ? m
            : throw new BecDecodeException($"payload of {bytes.Length} bytes is not a BEC message envelope (expected {{\"{EnvelopeKey}\": {{\"encoder_name\": \"BECMessage\", …}}}})");

    /// <summary>Decodes a payload that must be a <typeparamref name="T"/>.</summary>
    public static T DecodeMessage<T>(ReadOnlyMemory<byte> bytes, bool validate = true) where T : BecMessage
    {
        var m = DecodeMessage(bytes, validate);
        return m as T ?? throw new BecDecodeException($"expected a {typeof(T).Name}, got a {m.TypeName}");
    }

    /// <summary>The bytes of any value (messages are not validated; use <see cref="Encode(BecMessage)"/> for that).</summary>
    public static byte[] Encode(BecValue value) => BecMsgpack.Encode(value);

    /// <summary>The bytes of a message after validating it, as constructing it in Python would.</summary>
    public static byte[] Encode(BecMessage message)
    {
        message.Validate();
        return BecMsgpack.Encode(message);
    }

    /// <summary>The codec hook for one decoded map.</summary>
    internal static BecValue Lift(BecMap map, bool validate)
    {
        if (map.Count != 1 || map.Entries[0].Key is not BecStr { Value: EnvelopeKey } || map.Entries[0].Value is not BecMap inner || inner.Count != 3)
            return map;
        if (!IsKey(inner, 0, "encoder_name", out var enc) || enc is not BecStr encoder
            || !IsKey(inner, 1, "type_name", out var typ) || typ is not BecStr type
            || !IsKey(inner, 2, "data", out var data))
            return map;

        BecValue? lifted = encoder.Value switch
        {
            "BECMessage" when data is BecMap || validate => LiftMessage(type.Value, data, validate),
            "BaseModel" when data is BecMap fields => MessageRegistry.CreateModel(type.Value, fields),
            "Enum" => new EnumValue(type.Value, data),
            "DeviceBase" when data is BecStr name => new DeviceRef(type.Value, name.Value),
            "set" when data is BecList items => new SetValue(items),
            _ when data is BecMap numpy && numpy.Count > 0 && NdArray.IsBinKey(numpy, 0, "nd", out _) =>
                (BecValue?)NdArray.TryLift(encoder.Value, type.Value, numpy) ?? NumpyScalar.TryLift(encoder.Value, type.Value, numpy),
            _ => null,
        };
        return lifted ?? new RawCodecValue(encoder.Value, type.Value, data);
    }

    private static BecMessage LiftMessage(string typeName, BecValue data, bool validate)
    {
        // Python would fail on Class(**data); without validation the envelope is kept as read.
        if (data is not BecMap fields)
            throw new BecDecodeException($"BECMessage envelope of {typeName} holds {data.Describe(60)}; expected its field map");
        var message = MessageRegistry.CreateMessage(typeName, fields);
        if (validate) message.Validate();
        return message;
    }

    private static bool IsKey(BecMap map, int index, string name, out BecValue value)
    {
        var (k, v) = map.Entries[index];
        value = v;
        return k is BecStr s && string.Equals(s.Value, name, StringComparison.Ordinal);
    }
}
