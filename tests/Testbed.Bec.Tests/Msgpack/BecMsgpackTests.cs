using Testbed.Bec.Msgpack;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Msgpack;

/// <summary>The msgpack layer writes what Python's msgpack writes, and refuses bad bytes with a position.</summary>
public class BecMsgpackTests
{
    [TestCase(0L, "00")]
    [TestCase(127L, "7f")]
    [TestCase(128L, "cc80")]
    [TestCase(255L, "ccff")]
    [TestCase(256L, "cd0100")]
    [TestCase(65536L, "ce00010000")]
    [TestCase(4294967296L, "cf0000000100000000")]
    [TestCase(-1L, "ff")]
    [TestCase(-32L, "e0")]
    [TestCase(-33L, "d0df")]
    [TestCase(-129L, "d1ff7f")]
    [TestCase(-32769L, "d2ffff7fff")]
    [TestCase(long.MinValue, "d38000000000000000")]
    public void Ints_take_the_smallest_width_unsigned_when_not_negative(long value, string hex)
    {
        Assert.That(Convert.ToHexStringLower(BecMsgpack.Encode(value)), Is.EqualTo(hex));
        Assert.That(BecMsgpack.Decode(Convert.FromHexString(hex)), Is.EqualTo(new BecInt(value)));
    }

    [Test]
    public void Unsigned_64_bit_values_round_trip()
    {
        var bytes = Convert.FromHexString("cfffffffffffffffff");
        var value = (BecInt)BecMsgpack.Decode(bytes);
        Assert.That(value.IsBeyondInt64, Is.True);
        Assert.That(value.UInt64Value, Is.EqualTo(ulong.MaxValue));
        Assert.That(() => value.Value, Throws.TypeOf<BecValueException>());
        Assert.That(BecMsgpack.Encode(value), Is.EqualTo(bytes));
    }

    [Test]
    public void Floats_are_float64_and_float32_is_kept_when_read()
    {
        Assert.That(Convert.ToHexStringLower(BecMsgpack.Encode(0.5)), Is.EqualTo("cb3fe0000000000000"));
        var f32 = Convert.FromHexString("ca3f000000");
        var read = (BecFloat)BecMsgpack.Decode(f32);
        Assert.That((read.Value, read.IsFloat32), Is.EqualTo((0.5, true)));
        Assert.That(BecMsgpack.Encode(read), Is.EqualTo(f32));
    }

    [Test]
    public void Strings_use_str8_from_32_bytes_and_bytes_are_bin()
    {
        Assert.That(Convert.ToHexStringLower(BecMsgpack.Encode(new string('a', 31)))[..2], Is.EqualTo("bf"));
        Assert.That(Convert.ToHexStringLower(BecMsgpack.Encode(new string('a', 32)))[..4], Is.EqualTo("d920"));
        Assert.That(Convert.ToHexStringLower(BecMsgpack.Encode(new byte[] { 1, 2 })), Is.EqualTo("c4020102"));
        Assert.That(Convert.ToHexStringLower(BecMsgpack.Encode("é")), Is.EqualTo("a2c3a9"));
    }

    [Test]
    public void Maps_keep_order_and_any_keys()
    {
        var map = new BecMap { { new BecInt(2), "two" }, { "b", BecValue.Nil }, { new BecBin("k"u8.ToArray()), true } };
        var bytes = BecMsgpack.Encode(map);
        Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo("83" + "02a374776f" + "a162c0" + "c4016bc3"));
        Assert.That(BecMsgpack.Decode(bytes), Is.EqualTo(map));
    }

    [Test]
    public void Ext_values_round_trip()
    {
        var bytes = Convert.FromHexString("d505" + "0102");
        var ext = (BecExt)BecMsgpack.Decode(bytes);
        Assert.That((ext.TypeCode, ext.Data.ToArray()), Is.EqualTo(((sbyte)5, new byte[] { 1, 2 })));
        Assert.That(BecMsgpack.Encode(ext), Is.EqualTo(bytes));
    }

    [Test]
    public void Truncated_bytes_are_refused_with_the_position()
    {
        Assert.That(() => BecMsgpack.Decode(Convert.FromHexString("82a161")),
            Throws.TypeOf<BecDecodeException>().With.Message.Contains("not valid msgpack at byte"));
    }

    [Test]
    public void Bytes_after_the_value_are_refused()
    {
        Assert.That(() => BecMsgpack.Decode(Convert.FromHexString("c0c0")),
            Throws.TypeOf<BecDecodeException>().With.Message.EqualTo("1 bytes left after the first msgpack value (ends at byte 1 of 2)"));
    }

    [Test]
    public void Invalid_utf8_in_a_str_is_refused_as_Python_does()
    {
        Assert.That(() => BecMsgpack.Decode(Convert.FromHexString("a2c328")),
            Throws.TypeOf<BecDecodeException>().With.Message.Contains("str at byte 0 is not valid UTF-8"));
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var bytes = Enumerable.Repeat((byte)0x91, BecMsgpack.MaxDepth + 2).Append((byte)0xc0).ToArray();
        Assert.That(() => BecMsgpack.Decode(bytes), Throws.TypeOf<BecDecodeException>().With.Message.Contains("nested deeper than"));
    }
}
