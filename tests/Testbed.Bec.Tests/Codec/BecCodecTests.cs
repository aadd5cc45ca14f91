using Testbed.Bec.Codec;
using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Msgpack;
using Testbed.Bec.Tests.Fixtures;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Codec;

/// <summary>The codec layer: envelopes become typed nodes, device objects as map keys, numpy by content, unknown encoders passed through.</summary>
public class BecCodecTests
{
    private static BecMap Envelope(string encoder, string type, BecValue data) =>
        new() { ["__bec_codec__"] = new BecMap { ["encoder_name"] = encoder, ["type_name"] = type, ["data"] = data } };

    [Test]
    public void A_device_object_map_key_decodes_to_the_device_name() // 02 seq 307: the client's line_scan request
    {
        var request = Recording.Payloads.Single(p => p.Session == "02-line_scan" && p.Seq == 307);
        var message = BecCodec.DecodeMessage<ScanQueueMessage>(request.Bytes);
        var args = message.Parameter["args"].AsMap();
        var key = args.Entries[0].Key;
        Assert.Multiple(() =>
        {
            Assert.That(key, Is.TypeOf<DeviceRef>());
            Assert.That(((DeviceRef)key).TypeName, Is.EqualTo("Positioner"));
            Assert.That(args.Keys, Is.EqualTo(new[] { "samx" }));
            Assert.That(args["samx"], Is.EqualTo(new BecList { -1, 1 }));
            Assert.That(BecCodec.Encode(message), Is.EqualTo(request.Bytes));
        });
    }

    [Test]
    public void A_device_object_key_built_in_CSharp_is_written_as_a_map_key()
    {
        var args = new BecMap { { new DeviceRef("Positioner", "samx"), new BecList { -1, 1 } } };
        var bytes = BecCodec.Encode(args);
        Assert.That(bytes[0], Is.EqualTo(0x81));
        Assert.That(bytes[1], Is.EqualTo(0x81), "the key is itself a one-entry map (the envelope)");
        Assert.That(BecCodec.Decode(bytes), Is.EqualTo(args));
        Assert.That(((BecMap)BecMsgpack.Decode(bytes)).Entries[0].Key, Is.TypeOf<BecMap>(), "without the codec hook the key stays a map");
    }

    [Test]
    public void An_unknown_encoder_is_passed_through_unchanged()
    {
        var bytes = BecMsgpack.Encode(Envelope("EndpointInfo", "EndpointInfo", new BecMap { ["endpoint"] = "info/x", ["message_op"] = 1 }));
        var value = BecCodec.Decode(bytes);
        Assert.That(value, Is.TypeOf<RawCodecValue>());
        Assert.That(((RawCodecValue)value).EncoderName, Is.EqualTo("EndpointInfo"));
        Assert.That(BecCodec.Encode(value), Is.EqualTo(bytes));
    }

    [Test]
    public void A_map_that_only_resembles_an_envelope_stays_a_map()
    {
        var reordered = new BecMap { ["__bec_codec__"] = new BecMap { ["type_name"] = "X", ["encoder_name"] = "Enum", ["data"] = 1 } };
        var extra = new BecMap { ["__bec_codec__"] = Envelope("Enum", "X", 1)["__bec_codec__"], ["other"] = 1 };
        foreach (var map in new[] { reordered, extra })
        {
            var bytes = BecMsgpack.Encode(map);
            Assert.That(BecCodec.Decode(bytes), Is.TypeOf<BecMap>());
            Assert.That(BecCodec.Encode(BecCodec.Decode(bytes)), Is.EqualTo(bytes));
        }
    }

    [Test]
    public void Numpy_maps_are_read_by_content_whatever_the_encoder_name()
    {
        var scalar = NumpyScalar.From<uint>(105);
        Assert.That((scalar.EncoderName, scalar.TypeName, scalar.DType), Is.EqualTo(("number", "uint32", "<u4")));
        var bytes = BecCodec.Encode(scalar);
        Assert.That(BecCodec.Decode(bytes), Is.EqualTo(scalar));
        Assert.That(((NumpyScalar)BecCodec.Decode(bytes)).ToValue<uint>(), Is.EqualTo(105u));
        // numpy 2 names its bool class "bool"; the map is recognised by its bin keys, and the names are kept.
        var flag = BecMsgpack.Encode(Envelope("bool", "bool", new BecMap
        {
            { new BecBin("nd"u8.ToArray()), false }, { new BecBin("type"u8.ToArray()), "|b1" }, { new BecBin("data"u8.ToArray()), new byte[] { 1 } },
        }));
        var decoded = (NumpyScalar)BecCodec.Decode(flag);
        Assert.That(decoded.ToValue<bool>(), Is.True);
        Assert.That(BecCodec.Encode(decoded), Is.EqualTo(flag));
    }

    [Test]
    public void A_numpy_map_with_an_unexpected_layout_is_passed_through()
    {
        // A structured array (kind V) keeps its raw map.
        var structured = BecMsgpack.Encode(Envelope("ndarray", "ndarray", new BecMap
        {
            { new BecBin("nd"u8.ToArray()), true }, { new BecBin("type"u8.ToArray()), new BecList { new BecList { "x", "<f8" } } },
            { new BecBin("kind"u8.ToArray()), new BecBin("V"u8.ToArray()) }, { new BecBin("shape"u8.ToArray()), new BecList { 1 } },
            { new BecBin("data"u8.ToArray()), new byte[8] },
        }));
        Assert.That(BecCodec.Decode(structured), Is.TypeOf<RawCodecValue>());
        Assert.That(BecCodec.Encode(BecCodec.Decode(structured)), Is.EqualTo(structured));
    }

    [Test]
    public void Arrays_of_every_numeric_dtype_round_trip()
    {
        var arrays = new NdArray[]
        {
            NdArray.From<ushort>([1, 2, 3, 4, 5, 6], 2, 3), NdArray.From<int>([-1, 2]), NdArray.From<byte>([7]), NdArray.From<bool>([true, false]),
            NdArray.From<float>([1.5f]), NdArray.From<long>([long.MinValue]), NdArray.From<double>([], 0, 4),
        };
        foreach (var a in arrays)
        {
            var back = (NdArray)BecCodec.Decode(BecCodec.Encode(a));
            Assert.That(back, Is.EqualTo(a));
            Assert.That(back.ToDoubles(), Has.Length.EqualTo(a.Length));
        }
        Assert.That(NdArray.From<ushort>([1, 2, 3, 4, 5, 6], 2, 3).ToArray<ushort>(), Is.EqualTo(new ushort[] { 1, 2, 3, 4, 5, 6 }));
        Assert.That(() => new NdArray("<u2", [2, 2], new byte[6]), Throws.TypeOf<BecValueException>().With.Message.Contains("needs 8 bytes, got 6"));
    }

    [Test]
    public void Enums_and_sets_round_trip()
    {
        var status = new EnumValue("BECStatus", 2);
        Assert.That(BecCodec.Decode(BecCodec.Encode(status)), Is.EqualTo(status));
        var set = new SetValue(["a", "b"]);
        var back = BecCodec.Decode(BecCodec.Encode(set));
        Assert.That(back, Is.TypeOf<SetValue>());
        Assert.That(((SetValue)back).Items, Is.EqualTo(new BecList { "a", "b" }));
    }

    [Test]
    public void BaseModel_envelopes_become_typed_models_when_declared_and_generic_otherwise()
    {
        var info = new BecMap { ["user"] = "operator", ["hostname"] = "h", ["timestamp"] = 1.5, ["versions"] = new BecMap() };
        Assert.That(BecCodec.Decode(BecMsgpack.Encode(Envelope("BaseModel", "ServiceInfo", info))), Is.TypeOf<ServiceInfo>());
        var other = BecCodec.Decode(BecMsgpack.Encode(Envelope("BaseModel", "_IntDynamicMetricValue", new BecMap { ["value"] = 3, ["type_name"] = "int" })));
        Assert.That(other, Is.TypeOf<GenericModel>());
        Assert.That(((GenericModel)other)["value"], Is.EqualTo(new BecInt(3)));
    }

    [Test]
    public void A_message_of_an_undeclared_class_is_kept_as_a_generic_message()
    {
        var bytes = BecMsgpack.Encode(Envelope("BECMessage", "GUIConfigMessage", new BecMap { ["metadata"] = new BecMap(), ["config"] = new BecMap { ["a"] = 1 } }));
        var message = BecCodec.DecodeMessage(bytes);
        Assert.That(message, Is.TypeOf<GenericMessage>());
        Assert.That((message.TypeName, message.IsTyped), Is.EqualTo(("GUIConfigMessage", false)));
        Assert.That(message.Encode(), Is.EqualTo(bytes));
    }

    [Test]
    public void A_payload_that_is_not_a_message_is_refused_by_DecodeMessage()
    {
        Assert.That(() => BecCodec.DecodeMessage(BecMsgpack.Encode(new BecMap { ["a"] = 1 })),
            Throws.TypeOf<BecDecodeException>().With.Message.Contains("is not a BEC message envelope"));
        Assert.That(() => BecCodec.DecodeMessage<StatusMessage>(BecMsgpack.Encode(Envelope("BECMessage", "VariableMessage", new BecMap { ["metadata"] = new BecMap(), ["value"] = 1 }))),
            Throws.TypeOf<BecDecodeException>().With.Message.EqualTo("expected a StatusMessage, got a VariableMessage"));
    }

    [Test]
    public void The_recorded_codec_census_is_what_the_spec_lists() // spec §3.4: BECMessage, BaseModel, Enum (BECStatus only), DeviceBase, ndarray, number
    {
        var census = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Walk(BecValue v)
        {
            switch (v)
            {
                case BecCodecValue c:
                    var key = c.EncoderName is "BECMessage" or "BaseModel" ? c.EncoderName : $"{c.EncoderName}:{c.TypeName}";
                    census[key] = census.GetValueOrDefault(key) + 1;
                    if (c is RawCodecValue raw) Walk(raw.EnvelopeData);
                    if (c is BecStruct s) Walk(s.Fields);
                    break;
                case BecList l:
                    foreach (var i in l) Walk(i);
                    break;
                case BecMap m:
                    foreach (var (k, x) in m)
                    {
                        Walk(k);
                        Walk(x);
                    }
                    break;
            }
        }
        foreach (var p in Recording.Payloads) Walk(BecCodec.Decode(p.Bytes));
        TestContext.Out.WriteLine(string.Join(", ", census.Select(c => $"{c.Key} {c.Value}")));
        Assert.That(census.Keys, Is.EqualTo(new[] { "BECMessage", "BaseModel", "DeviceBase:Positioner", "Enum:BECStatus", "ndarray:ndarray", "number:uint32" }));
        Assert.That(census["ndarray:ndarray"], Is.EqualTo(21));
        Assert.That(census["DeviceBase:Positioner"], Is.EqualTo(5));
    }
}
