using System.Text;

namespace Testbed.Twin.Serial;

/// <summary>The byte handling of one control-port connection: telnet commands consumed, typed characters echoed, a command run on CR.</summary>
/// <remarks>No sockets: <see cref="Ser2NetControlPort"/> feeds it what it receives and sends what it returns.</remarks>
public sealed class Ser2NetControlSession
{
    private readonly Ser2NetControlPort _port;
    private readonly StringBuilder _line = new();
    private TelnetSkip _telnet = TelnetSkip.None;

    public Ser2NetControlSession(Ser2NetControlPort port) => _port = port;

    private enum TelnetSkip { None, AfterIac, Option, Sub }

    /// <summary>Handles received bytes, appending what to send back to <paramref name="output"/>; false once the client said exit or quit.</summary>
    public bool Receive(ReadOnlySpan<byte> input, List<byte> output)
    {
        foreach (var b in input)
        {
            // Telnet commands from the client are consumed, never echoed.
            switch (_telnet)
            {
                case TelnetSkip.AfterIac:
                    _telnet = b is >= Telnet.Will and <= Telnet.Dont ? TelnetSkip.Option : b == Telnet.Sb ? TelnetSkip.Sub : TelnetSkip.None;
                    continue;
                case TelnetSkip.Option:
                    _telnet = TelnetSkip.None;
                    continue;
                case TelnetSkip.Sub:
                    if (b == Telnet.Se) _telnet = TelnetSkip.None;
                    continue;
            }
            if (b == Telnet.Iac)
            {
                _telnet = TelnetSkip.AfterIac;
                continue;
            }
            if (b == '\n') continue;
            if (b == '\r')
            {
                output.AddRange("\n\r"u8);
                var command = _line.ToString().Trim();
                _line.Clear();
                if (command is "exit" or "quit") return false;
                output.AddRange(Encoding.ASCII.GetBytes(_port.Run(command) + Ser2NetControlPort.Prompt));
                continue;
            }
            if (b is 0x08 or 0x7F)
            {
                if (_line.Length > 0)
                {
                    _line.Length--;
                    output.AddRange("\b \b"u8);
                }
                continue;
            }
            if (b < 0x20 || b > 0x7E) continue;
            _line.Append((char)b);
            output.Add(b);
        }
        return true;
    }
}
