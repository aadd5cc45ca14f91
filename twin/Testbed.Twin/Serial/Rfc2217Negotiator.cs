using Microsoft.Extensions.Logging;

namespace Testbed.Twin.Serial;

/// <summary>The server half of RFC 2217 on one connection: telnet option replies, COM-PORT answers, and IAC un-doubling of data.</summary>
/// <remarks>
/// Greets with <c>WILL SGA, WILL ECHO, DONT ECHO, DO BINARY, DO COM-PORT</c> (what ser2net sends) and never echoes data.
/// Every COM-PORT request is answered with code + 100 and the effective value, SET-CONTROL and PURGE-DATA included,
/// because BLISS blocks on those answers. Nothing is ever sent unsolicited after the greeting: no line-state or
/// modem-state notifications, since BLISS's data phase would take them for reply bytes.
/// </remarks>
public sealed class Rfc2217Negotiator(ISerialSession session, SerialLineSettings instrumentLine, ILogger logger, string where)
{
    public static readonly byte[] Greeting =
    [
        Telnet.Iac, Telnet.Will, Telnet.SuppressGoAhead,
        Telnet.Iac, Telnet.Will, Telnet.Echo,
        Telnet.Iac, Telnet.Dont, Telnet.Echo,
        Telnet.Iac, Telnet.Do, Telnet.Binary,
        Telnet.Iac, Telnet.Do, Telnet.ComPort,
    ];

    private readonly HashSet<(byte Verb, byte Option)> _refused = [];
    private readonly List<byte> _sub = [];
    private readonly SerialLineSettings _instrumentLine = instrumentLine;
    private State _state;
    private byte _verb;

    private enum State { Data, Iac, Option, Sub, SubIac }

    /// <summary>What the client set through COM-PORT (starts at the instrument's settings).</summary>
    public SerialLineSettings ClientLine { get; private set; } = instrumentLine;

    /// <summary>Splits received bytes into data (for the device) and replies (for the client, to be sent in one write).</summary>
    public void Process(ReadOnlySpan<byte> input, List<byte> data, List<byte> replies)
    {
        foreach (var b in input)
        {
            switch (_state)
            {
                case State.Data:
                    if (b == Telnet.Iac) _state = State.Iac;
                    else data.Add(b);
                    break;
                case State.Iac:
                    _state = State.Data;
                    if (b == Telnet.Iac) data.Add(b);
                    else if (b is Telnet.Will or Telnet.Wont or Telnet.Do or Telnet.Dont)
                    {
                        _verb = b;
                        _state = State.Option;
                    }
                    else if (b == Telnet.Sb)
                    {
                        _sub.Clear();
                        _state = State.Sub;
                    }
                    break;
                case State.Option:
                    _state = State.Data;
                    OnOption(_verb, b, replies);
                    break;
                case State.Sub:
                    if (b == Telnet.Iac) _state = State.SubIac;
                    else _sub.Add(b);
                    break;
                case State.SubIac:
                    if (b == Telnet.Iac)
                    {
                        _sub.Add(b);
                        _state = State.Sub;
                    }
                    else
                    {
                        _state = State.Data;
                        if (b == Telnet.Se) OnSubnegotiation(replies);
                    }
                    break;
            }
        }
    }

    // The options we greet with are already in the state the client asks for; anything else is refused once.
    private void OnOption(byte verb, byte option, List<byte> replies)
    {
        var known = verb switch
        {
            Telnet.Do => option is Telnet.SuppressGoAhead or Telnet.Echo or Telnet.ComPort,
            Telnet.Will => option is Telnet.Binary or Telnet.SuppressGoAhead or Telnet.ComPort,
            _ => true,
        };
        if (known) return;
        var answer = verb == Telnet.Do ? Telnet.Wont : Telnet.Dont;
        if (_refused.Add((answer, option))) replies.AddRange([Telnet.Iac, answer, option]);
    }

    private void OnSubnegotiation(List<byte> replies)
    {
        if (_sub.Count < 2 || _sub[0] != Telnet.ComPort) return;
        var code = (ComPortOption)_sub[1];
        var value = _sub.Skip(2).ToArray();
        byte[]? answer = code switch
        {
            ComPortOption.Signature => "Testbed twin"u8.ToArray(),
            ComPortOption.SetBaudRate when value.Length == 4 => BaudRate(value),
            ComPortOption.SetDataSize when value.Length == 1 => DataSize(value[0]),
            ComPortOption.SetParity when value.Length == 1 => Parity(value[0]),
            ComPortOption.SetStopSize when value.Length == 1 => StopSize(value[0]),
            ComPortOption.SetControl when value.Length == 1 => [Control(value[0])],
            ComPortOption.SetLineStateMask or ComPortOption.SetModemStateMask when value.Length == 1 => value,
            ComPortOption.PurgeData when value.Length == 1 => Purge(value[0]),
            _ => null,
        };
        if (answer is null) return;
        replies.AddRange([Telnet.Iac, Telnet.Sb, Telnet.ComPort, (byte)((byte)code + 100)]);
        replies.AddRange(Telnet.Escape(answer));
        replies.AddRange([Telnet.Iac, Telnet.Se]);
    }

    private byte[] BaudRate(byte[] v)
    {
        var baud = (v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3];
        if (baud != 0)
        {
            ClientLine = ClientLine with { BaudRate = baud };
            Mismatch("baud rate", baud, _instrumentLine.BaudRate);
        }
        var b = ClientLine.BaudRate;
        return [(byte)(b >> 24), (byte)(b >> 16), (byte)(b >> 8), (byte)b];
    }

    private byte[] DataSize(byte v)
    {
        if (v is >= 5 and <= 8)
        {
            ClientLine = ClientLine with { DataBits = v };
            Mismatch("data bits", v, _instrumentLine.DataBits);
        }
        return [(byte)ClientLine.DataBits];
    }

    private byte[] Parity(byte v)
    {
        if (v is >= 1 and <= 5)
        {
            ClientLine = ClientLine with { Parity = (SerialParity)v };
            Mismatch("parity", v, (int)_instrumentLine.Parity);
        }
        return [(byte)ClientLine.Parity];
    }

    private byte[] StopSize(byte v)
    {
        if (v is >= 1 and <= 3)
        {
            ClientLine = ClientLine with { StopBits = v };
            Mismatch("stop bits", v, _instrumentLine.StopBits);
        }
        return [(byte)ClientLine.StopBits];
    }

    // Requests (0, 4, 7, 10, 13) report the state: no flow control, BREAK off, DTR and RTS on, no inbound flow control.
    private byte Control(byte v) => v switch
    {
        0 => (byte)(ClientLine.XonXoff ? 2 : 1),
        4 => 6,
        7 => 8,
        10 => 11,
        13 => 14,
        _ => v,
    };

    private byte[] Purge(byte v)
    {
        // 1 = the access server's receive buffer (device → client), 2 = transmit buffer (client → device).
        if (v is 1 or 3) session.PurgeOutput();
        if (v is 2 or 3) session.PurgeInput();
        return [v];
    }

    private void Mismatch(string what, int client, int instrument)
    {
        if (client != instrument)
            logger.LogWarning("{Where}: client set {What} {Client} but the instrument uses {Instrument}; a real line would deliver garbage", where, what, client, instrument);
    }
}
