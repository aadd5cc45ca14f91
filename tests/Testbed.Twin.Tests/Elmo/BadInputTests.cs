using System.Text;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Garbage on the wire: empty, oversized and binary datagrams, unknown commands, bad values and random noise never crash or wedge the twin.</summary>
public class BadInputTests
{
    [Test]
    public void Empty_datagram_gets_no_reply_and_the_server_keeps_answering()
    {
        using var t = ElmoTestTwin.Start();
        t.Client.Send(ReadOnlySpan<byte>.Empty);
        Assert.That(t.Client.Drain(), Is.Empty);
        Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;"));
    }

    [Test]
    public void Largest_UDP_datagram_is_dropped_with_EC_77_and_the_server_keeps_answering()
    {
        using var t = ElmoTestTwin.Start();
        var big = new byte[65507];
        Array.Fill(big, (byte)'P');
        big[^1] = 0x0D;
        t.Client.Send(big);
        Assert.That(t.Client.Drain(), Is.Empty, "its echo could not fit a reply");
        Assert.That(t.Client.Exchange("EC\r"), Is.EqualTo("EC\r77;"));
        Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;"));
    }

    [Test]
    public void Over_long_statement_is_EC_77_and_over_long_number_is_EC_110()
    {
        using var t = ElmoTestTwin.Start();
        var longStatement = "PA=" + new string('1', 200);
        Assert.That(t.Client.Exchange(longStatement + "\r"), Is.EqualTo(longStatement + "\r?;"));
        Assert.That(t.Number("EC"), Is.EqualTo(77));
        t.Fails("SP=" + new string('1', 30), ElmoError.TooLongNumber);
    }

    [Test]
    public void Binary_bytes_get_error_replies_with_their_echo()
    {
        using var t = ElmoTestTwin.Start();
        byte[] binary = [0x00, 0xFF, 0x80, 0x0D, 0x01, 0x3B];
        t.Client.Send(binary);
        var reply = t.Client.Receive(TimeSpan.FromSeconds(5));
        Assert.That(reply, Is.Not.Null);
        Assert.That(reply!.Value.Data, Is.EqualTo(new byte[] { 0x00, 0xFF, 0x80, 0x0D, 0x3F, 0x3B, 0x01, 0x3B, 0x3F, 0x3B }));
        Assert.That(t.Number("EC"), Is.EqualTo((long)ElmoError.NoInterpreterMeaning));
    }

    [TestCase("XF=2", ElmoError.BadCommand)]
    [TestCase("A*=3", ElmoError.NoInterpreterMeaning)]
    [TestCase("ABC", ElmoError.BadCommand)]
    [TestCase("mo=1", ElmoError.BadCommand)]
    [TestCase("HM", ElmoError.ArrayIndexExpected)]
    [TestCase("PX[1]", ElmoError.BadIndex)]
    [TestCase("VH[2", ElmoError.SyntaxError)]
    [TestCase("SP=", ElmoError.EmptyAssign)]
    [TestCase("SP=1/0", ElmoError.ZeroDivision)]
    [TestCase("SP=(1", ElmoError.ParenthesesMismatch)]
    [TestCase("SP=VR", ElmoError.BadOperandType)]
    [TestCase("SP=BG", ElmoError.ExecutableInExpression)]
    [TestCase("SP=1x", ElmoError.SyntaxError)]
    [TestCase("SP=1.2.3", ElmoError.BadlyFormattedNumber)]
    [TestCase("BG=1", ElmoError.CannotBeAssigned)]
    [TestCase("AC=10", ElmoError.OperandOutOfRange)]
    [TestCase("AC=2000000000", ElmoError.OperandOutOfRange)]
    [TestCase("MO=2", ElmoError.OperandOutOfRange)]
    [TestCase("UM=7", ElmoError.OperandOutOfRange)]
    [TestCase("JV=1000000000", ElmoError.OperandOutOfRange)]
    [TestCase("PA=5", ElmoError.MotorMustBeOn)]
    [TestCase("PR=5", ElmoError.MotorMustBeOn)]
    [TestCase("HX=1", ElmoError.OperandOutOfRange)]
    [TestCase("SP=1e30", ElmoError.OperandOutOfRange)]
    [TestCase("SP*1e300/3", ElmoError.NumericOverflow)]
    public void Bad_command_or_value_replies_question_mark_with_documented_EC(string command, ElmoError code)
    {
        using var t = ElmoTestTwin.Start();
        var before = t.Drive.Snapshot();
        t.Fails(command, code);
        var after = t.Drive.Snapshot();
        Assert.That(after.Target, Is.EqualTo(before.Target));
        Assert.That(t.Number("SP"), Is.EqualTo(100000), "a failed command changes no state");
    }

    [Test]
    public void Random_datagrams_never_break_the_server()
    {
        // The interpreter alone is fuzzed by `testbed fuzz elmo-statements` (tests/Testbed.Fuzzing.Tests); this is the socket path.
        var random = new Random(12345);
        byte[] alphabet = "PXMSOAUBGTHV[]=;\r\n0123456789-+*/.() "u8.ToArray();
        // Fire without waiting, then the drive must still answer correctly.
        using var t = ElmoTestTwin.Start();
        for (var i = 0; i < 5_000; i++) t.Client.Send(RandomDatagram(random, alphabet));
        t.Client.Drain();
        Assert.That(t.Server.InternalErrors, Is.Zero, t.Server.LastInternalError?.ToString());
        t.Ok("MO=0");
        t.Ok("PX=4242");
        Assert.That(t.Client.Exchange("PX\r"), Is.EqualTo("PX\r4242;"));
    }

    private static byte[] RandomDatagram(Random random, byte[] alphabet)
    {
        var length = random.Next(10) == 0 ? random.Next(2000) : random.Next(40);
        var bytes = new byte[length];
        if (random.Next(2) == 0) random.NextBytes(bytes);
        else for (var k = 0; k < length; k++) bytes[k] = alphabet[random.Next(alphabet.Length)];
        return bytes;
    }
}
