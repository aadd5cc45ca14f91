using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Msgpack;

/// <summary>The hand-annotated vectors of spec §3.6, byte for byte in both directions.</summary>
public class GoldenVectorTests
{
    // bec_lib's own test vector: DeviceInstructionMessage(device="samx", action="set", parameter={"set": 0.5}, metadata={"RID": "1234"}).
    private const string InstructionHex =
        "81" + "ad5f5f6265635f636f6465635f5f" +
        "83" + "ac656e636f6465725f6e616d65" + "aa4245434d657373616765" +
        "a9747970655f6e616d65" + "b8446576696365496e737472756374696f6e4d657373616765" +
        "a464617461" +
        "84" + "a86d65746164617461" + "81a3524944a431323334" +
        "a6646576696365" + "a473616d78" +
        "a6616374696f6e" + "a3736574" +
        "a9706172616d65746572" + "81a3736574cb3fe0000000000000";

    // numpy.array([1.0, 2.0]): every inner key is bin (c4).
    private const string NdArrayHex =
        "81" + "ad5f5f6265635f636f6465635f5f" +
        "83" + "ac656e636f6465725f6e616d65" + "a76e6461727261" + "79" +
        "a9747970655f6e616d65" + "a76e6461727261" + "79" +
        "a464617461" +
        "85" + "c4026e64" + "c3" +
        "c40474797065" + "a33c6638" +
        "c4046b696e64" + "c400" +
        "c4057368617065" + "9102" +
        "c40464617461" + "c410" + "000000000000f03f" + "0000000000000040";

    [Test]
    public void DeviceInstructionMessage_encodes_to_bec_libs_147_bytes()
    {
        // Set out of order on purpose: the record restores metadata first, then BEC's declaration order.
        var message = new DeviceInstructionMessage
        {
            Parameter = new BecMap { ["set"] = 0.5 },
            Action = DeviceInstructionAction.Set,
            Device = "samx",
            Metadata = new BecMap { ["RID"] = "1234" },
        };
        var bytes = message.Encode();
        Assert.That(bytes, Has.Length.EqualTo(147));
        Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(InstructionHex));
    }

    [Test]
    public void The_147_bytes_decode_to_the_typed_instruction()
    {
        var message = BecCodec.DecodeMessage<DeviceInstructionMessage>(Convert.FromHexString(InstructionHex));
        Assert.Multiple(() =>
        {
            Assert.That(message.Device.AsString(), Is.EqualTo("samx"));
            Assert.That(message.DeviceList, Is.EqualTo(new[] { "samx" }));
            Assert.That(message.Action, Is.EqualTo(DeviceInstructionAction.Set));
            Assert.That(message.Parameter["set"].AsDouble(), Is.EqualTo(0.5));
            Assert.That(message.Metadata["RID"].AsString(), Is.EqualTo("1234"));
            Assert.That(message.Fields.Keys, Is.EqualTo(new[] { "metadata", "device", "action", "parameter" }));
        });
    }

    [Test]
    public void NdArray_encodes_to_the_117_bytes_with_bin_keys()
    {
        var bytes = BecCodec.Encode(NdArray.From<double>([1.0, 2.0]));
        Assert.That(bytes, Has.Length.EqualTo(117));
        Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(NdArrayHex));
    }

    [Test]
    public void The_117_bytes_decode_to_the_array()
    {
        var array = (NdArray)BecCodec.Decode(Convert.FromHexString(NdArrayHex));
        Assert.Multiple(() =>
        {
            Assert.That(array.DType, Is.EqualTo("<f8"));
            Assert.That(array.Shape, Is.EqualTo(new[] { 2L }));
            Assert.That(array.ToArray<double>(), Is.EqualTo(new[] { 1.0, 2.0 }));
            Assert.That(() => array.ToArray<float>(), Throws.TypeOf<BecValueException>().With.Message.Contains("'<f8'"));
        });
    }
}
