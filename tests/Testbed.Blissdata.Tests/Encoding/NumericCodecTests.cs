using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Tests.Encoding;

/// <summary>Payload bytes of §6.3, byte for byte.</summary>
public class NumericCodecTests
{
    private static readonly StreamEncoding ScalarF8 = StreamEncoding.Numeric(DType.Float64);

    [Test]
    public void Float64_batch_is_little_endian_C_order() // §6.1 example, §10.28
    {
        var data = NdArray.From([1.5, 2.5], 2);
        Assert.That(NumericCodec.CountPoints(ScalarF8, data, "s"), Is.EqualTo(2));
        Assert.That(Convert.ToHexString(NumericCodec.Encode(ScalarF8, data, 2)), Is.EqualTo("000000000000F83F0000000000000440"));
        Assert.That(Convert.ToHexString(NumericCodec.Encode(ScalarF8, NdArray.Scalar(3.0), 1)), Is.EqualTo("0000000000000840"));
    }

    [Test]
    public void Variable_shape_batch_is_msgpack_shape_and_bin() // §6.3 example, §10.29
    {
        var enc = StreamEncoding.Numeric(DType.Int32, -1);
        var data = NdArray.From([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.That(NumericCodec.CountPoints(enc, data, "v"), Is.EqualTo(2));
        var payload = NumericCodec.Encode(enc, data, 2);
        Assert.That(Convert.ToHexString(payload[..5]), Is.EqualTo("92910 3C418".Replace(" ", "")));
        Assert.That(payload[5..], Is.EqualTo(data.Bytes.ToArray()));
        Assert.That(payload, Has.Length.EqualTo(5 + 24));
        var back = NumericCodec.Decode(enc, payload, 2, "v");
        Assert.That(back.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(back.ToArray<int>(), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Fixed_payload_size_is_points_times_shape_times_itemsize() // §10.28
    {
        var enc = StreamEncoding.Numeric(DType.UInt16, 2, 3);
        var data = NdArray.From(new ushort[12], 2, 2, 3);
        Assert.That(NumericCodec.Encode(enc, data, 2), Has.Length.EqualTo(2 * 6 * 2));
    }

    [Test]
    public void Dtype_strings_are_numpy_array_interface_strings()
    {
        var expected = new Dictionary<string, string>
        {
            ["bool"] = "|b1", ["uint8"] = "|u1", ["int8"] = "|i1", ["uint16"] = "<u2", ["int16"] = "<i2", ["uint32"] = "<u4",
            ["int32"] = "<i4", ["uint64"] = "<u8", ["int64"] = "<i8", ["float16"] = "<f2", ["float32"] = "<f4",
            ["float64"] = "<f8", ["complex64"] = "<c8", ["complex128"] = "<c16",
        };
        foreach (var d in DType.All) Assert.That(d.Str, Is.EqualTo(expected[d.Name]), d.Name);
        Assert.That(DType.FromStr(">f8"), Is.EqualTo((DType.Float64, true)));
        Assert.That(() => DType.FromStr("<f16"), Throws.TypeOf<EncodingException>());
        Assert.That(() => DType.FromStr("<U8"), Throws.TypeOf<EncodingException>());
    }

    [Test]
    public void Big_endian_payloads_written_by_others_decode() // §6.3 "legal and decoded correctly"
    {
        var enc = StreamEncoding.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"type":"numeric","dtype_str":">i4","shape":[]}"""), "x");
        var back = NumericCodec.Decode(enc, new byte[] { 0, 0, 1, 2 }, 1, "x");
        Assert.That(back.ToArray<int>(), Is.EqualTo(new[] { 0x0102 }));
    }

    [Test]
    public void Bool_is_one_byte_0_or_1()
    {
        var enc = StreamEncoding.Numeric(DType.Bool);
        Assert.That(NumericCodec.Encode(enc, NdArray.From([true, false, true], 3), 3), Is.EqualTo(new byte[] { 1, 0, 1 }));
    }

    [Test]
    public void Wrong_dtype_shape_or_empty_data_is_refused_with_the_reason() // §10.30
    {
        Assert.That(() => NumericCodec.CountPoints(ScalarF8, NdArray.Scalar(1f), "diode"),
            Throws.TypeOf<EncodingException>().With.Message.Contains("float64").And.Message.Contains("float32").And.Message.Contains("diode"));
        Assert.That(NumericCodec.CountPoints(ScalarF8, NdArray.Scalar(1.0), "s"), Is.EqualTo(1));
        Assert.That(NumericCodec.CountPoints(ScalarF8, NdArray.From(new double[5], 5), "s"), Is.EqualTo(5));
        Assert.That(() => NumericCodec.CountPoints(ScalarF8, NdArray.From(new double[4], 2, 2), "s"), Throws.TypeOf<EncodingException>().With.Message.Contains("point shape"));
        var three = StreamEncoding.Numeric(DType.Float64, 3);
        Assert.That(NumericCodec.CountPoints(three, NdArray.From(new double[3], 3), "t"), Is.EqualTo(1));
        Assert.That(NumericCodec.CountPoints(three, NdArray.From(new double[6], 2, 3), "t"), Is.EqualTo(2));
        Assert.That(() => NumericCodec.CountPoints(three, NdArray.From(new double[4], 4), "t"), Throws.TypeOf<EncodingException>());
        Assert.That(() => NumericCodec.CountPoints(three, NdArray.From(new double[6], 3, 2), "t"), Throws.TypeOf<EncodingException>());
        Assert.That(() => NumericCodec.CountPoints(ScalarF8, NdArray.From(Array.Empty<double>(), 0), "s"), Throws.TypeOf<EncodingException>().With.Message.Contains("empty"));
        Assert.That(() => NumericCodec.CountPoints(StreamEncoding.Json, NdArray.Scalar(1.0), "j"), Throws.TypeOf<EncodingException>().With.Message.Contains("JSON"));
    }

    [Test]
    public void Encoding_object_has_the_spec_fields() // §10.24, §10.25
    {
        Assert.That(PythonJson.Dumps(StreamEncoding.Numeric(DType.Int32, 1024).ToJson()), Is.EqualTo("""{"type": "numeric", "dtype_str": "<i4", "shape": [1024]}"""));
        Assert.That(StreamEncoding.Json.ToJson().ToJsonString(), Is.EqualTo("""{"type":"json"}"""));
        Assert.That(() => StreamEncoding.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"type":"zlib"}"""), "x"), Throws.TypeOf<ScanValidationException>().With.Message.Contains("unknown encoding"));
    }
}
