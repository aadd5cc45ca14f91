using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Testbed.Twin.Clock;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Tests.Serial;

/// <summary>Checklist C1.28: the ser2net 2.x control port, byte for byte, and BLISS's way of parsing it (A2.3).</summary>
[TestFixture]
public sealed class Ser2NetControlPortTests
{
    private SimulationClock _clock = null!;
    private TcpSerialServer _rfc2217 = null!;
    private Ser2NetControlPort _control = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _clock = new SimulationClock(1000);
        var instrument = new KeithleyInstrument(new KeithleyPicoammeter(new KeithleyOptions(), _clock, new ConstantCurrent(1e-9)));
        _rfc2217 = new TcpSerialServer(instrument, new IPEndPoint(IPAddress.Loopback, 0), _clock, TcpSerialProtocol.Rfc2217);
        _rfc2217.Start();
        // A /dev/ttyRP11 line listed first: BLISS's unescaped regex for /dev/ttyRP1 would match it too, so list the exact one first.
        _control = new Ser2NetControlPort(new IPEndPoint(IPAddress.Loopback, 0),
            [new Ser2NetPort(() => _rfc2217.Endpoint.Port, "/dev/ttyRP11", SerialLineSettings.Default)]);
        _control.Start();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _control.DisposeAsync();
        await _rfc2217.DisposeAsync();
        _clock.Dispose();
    }

    [Test(Description = "greeting IAC WILL SGA, IAC WILL ECHO, IAC DONT ECHO, then '-> '")]
    public void GreetingIsSer2NetsBytes()
    {
        using var client = new RawSocket(_control.Endpoint);
        Assert.That(client.Read(12), Is.EqualTo(new byte[] { 0xFF, 0xFB, 0x03, 0xFF, 0xFB, 0x01, 0xFF, 0xFE, 0x01, (byte)'-', (byte)'>', (byte)' ' }));
    }

    [Test(Description = "characters are echoed, LF ignored, CR answered with LF CR, and the table lines start with the bare TCP port and end in LF CR")]
    public void ShowShortPortExactBytes()
    {
        using var client = new RawSocket(_control.Endpoint);
        client.Read(12);
        client.Send("showshortport\r\n");
        var reply = Encoding.Latin1.GetString(client.ReadUntil("-> "u8.ToArray()));
        Assert.That(reply, Does.StartWith("showshortport\n\r"));
        var lines = reply["showshortport\n\r".Length..].Split("\n\r");
        Assert.That(lines[0], Does.StartWith("Port name"));
        Assert.That(lines[1], Does.Match($@"^{_rfc2217.Endpoint.Port} +telnet .*/dev/ttyRP11 "));
        Assert.That(lines[^1], Is.EqualTo("-> "));
    }

    [Test(Description = "BLISS's parse: split at '->', drop 14 bytes, split lines, first '^digits.+device' match → RFC 2217 port that answers *IDN?")]
    public void BlissLookupFindsTheRfc2217Port()
    {
        using var client = new RawSocket(_control.Endpoint);
        client.Send("showshortport\r\n");
        var all = Encoding.Latin1.GetString(client.ReadUntil("-> "u8.ToArray()) is var first && first.Length > 0 ? first.Concat(client.ReadUntil("-> "u8.ToArray())).ToArray() : first);
        var parts = all.Split("->");
        Assert.That(parts.Length, Is.GreaterThanOrEqualTo(3), "two prompts: one after the greeting, one after the table");
        var line2 = parts[1];
        var cut = line2.IndexOf("showshortport\r\n", StringComparison.Ordinal) + 15;
        Assert.That(cut, Is.EqualTo(14), "ser2net's echo never contains showshortport CR LF, so BLISS cuts 14 bytes");
        Assert.That(line2[..cut], Is.EqualTo(" showshortport"));
        var match = line2[cut..].Split('\n').Select(l => l.Trim()).Select(l => Regex.Match(l, "^([0-9]+).+/dev/ttyRP11")).First(m => m.Success);
        var port = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(port, Is.EqualTo(_rfc2217.Endpoint.Port));
        using var serial = new RawSocket(new IPEndPoint(IPAddress.Loopback, port));
        serial.Read(15);
        serial.Send("*IDN?\n");
        Assert.That(Encoding.Latin1.GetString(serial.ReadUntil("\n"u8.ToArray())), Does.StartWith("KEITHLEY"));
    }

    [Test(Description = "telnet commands from the client are not echoed; unknown commands are reported")]
    public void TelnetBytesAreNotEchoedAndUnknownCommandsAnswered()
    {
        using var client = new RawSocket(_control.Endpoint);
        client.Read(12);
        client.Send([0xFF, 0xFD, 0x03, 0xFF, 0xFA, 0x18, 0x00, 0xFF, 0xF0, (byte)'x', (byte)'y', (byte)'\r']);
        Assert.That(Encoding.Latin1.GetString(client.ReadUntil("-> "u8.ToArray())), Is.EqualTo("xy\n\rUnknown command: xy\n\r-> "));
    }
}
