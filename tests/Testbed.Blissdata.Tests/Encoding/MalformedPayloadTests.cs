using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Tests.Encoding;

/// <summary>Variable-shape payloads found by fuzzing (testbed fuzz blissdata-entries): an <see cref="EncodingException"/>, never a msgpack or arithmetic exception.</summary>
public class MalformedPayloadTests
{
    private static readonly StreamEncoding Variable = StreamEncoding.Numeric(DType.UInt16, -1, 4);

    [TestCase("00", "not msgpack [shape, bin]")]                         // a fixint where the array should be
    [TestCase("92", "not msgpack [shape, bin]")]                         // truncated after the header
    [TestCase("9292C401", "not msgpack [shape, bin]")]                   // bin where a dimension should be
    [TestCase("9292CE7FFFFFFF", "not msgpack [shape, bin]")]             // truncated in the shape
    [TestCase("9292CEFFFFFFFF04C400", "not msgpack [shape, bin]")]       // a dimension beyond int
    [TestCase("9292FF04C4080000000000000000", "negative dimension")]     // shape (-1, 4)
    [TestCase("9293D27FFFFFFFD27FFFFFFFD27FFFFFFFC400", "too large")] // (2³¹)³ × 2 bytes
    public void Malformed_variable_shape_payload_is_an_encoding_error(string hex, string problem)
    {
        var e = Assert.Throws<EncodingException>(() => NumericCodec.Decode(Variable, Convert.FromHexString(hex), 1, "stream 'v' entry 0-1"));
        Assert.That(e!.Message, Does.StartWith("stream 'v' entry 0-1: ").And.Contain(problem));
    }
}
