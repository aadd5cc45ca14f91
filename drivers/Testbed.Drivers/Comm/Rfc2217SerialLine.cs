using System.Net.Sockets;

namespace Testbed.Drivers.Comm;

/// <summary>A serial line on an RFC 2217 terminal-server port (<c>rfc2217://host:port</c>): telnet negotiation, COM-PORT settings, IAC escaping.</summary>
/// <remarks>
/// Opening requires the server to ask for BINARY and COM-PORT and to confirm baud, data size, parity, stop size and
/// flow control with the requested values; a different value or no answer is an error naming the setting.
/// Telnet commands the server sends later are consumed, never mistaken for data.
/// </remarks>
public class Rfc2217SerialLine(string address, (string Host, int Port) endpoint, SerialLineOptions options, TimeProvider? time = null)
    : TcpSerialLine(address, endpoint, time)
{
    private const byte Iac = 0xFF, Dont = 0xFE, Do = 0xFD, Wont = 0xFC, Will = 0xFB, Sb = 0xFA, Se = 0xF0;
    private const byte Binary = 0, Echo = 1, Sga = 3, ComPort = 44;
    private readonly List<byte> _replies = [];
    private readonly List<byte> _sub = [];
    private readonly Dictionary<byte, byte[]> _acks = [];
    private readonly HashSet<byte> _serverDo = [];
    private int _state; // 0 data, 1 IAC, 2 option, 3 SB, 4 SB+IAC
    private byte _verb;

    protected override async Task AfterConnectAsync(CancellationToken cancellationToken)
    {
        await SendAsync([Iac, Do, Echo, Iac, Will, Sga, Iac, Do, Sga, Iac, Do, ComPort, Iac, Will, ComPort], cancellationToken);
        var started = Time.GetTimestamp();
        await WaitAsync(() => _serverDo.Contains(Binary) && _serverDo.Contains(ComPort), started, "the server did not ask for BINARY and COM-PORT (is this an RFC 2217 port?)", cancellationToken);
        byte[] baud = [(byte)(options.BaudRate >> 24), (byte)(options.BaudRate >> 16), (byte)(options.BaudRate >> 8), (byte)options.BaudRate];
        var requests = new (byte Code, byte[] Value, string Name)[]
        {
            (1, baud, "baud rate"),
            (2, [(byte)options.DataBits], "data size"),
            (3, [options.Parity switch { 'O' => 2, 'E' => 3, _ => 1 }], "parity"),
            (4, [(byte)options.StopBits], "stop size"),
            (5, [(byte)(options.XonXoff ? 2 : 1)], "flow control"),
        };
        var message = new List<byte>();
        foreach (var (code, value, _) in requests)
        {
            message.AddRange([Iac, Sb, ComPort, code]);
            foreach (var b in value)
            {
                message.Add(b);
                if (b == Iac) message.Add(Iac);
            }
            message.AddRange([Iac, Se]);
        }
        await SendAsync(message.ToArray(), cancellationToken);
        foreach (var (code, value, name) in requests)
        {
            var reply = (byte)(code + 100);
            await WaitAsync(() => _acks.ContainsKey(reply), started, $"the server did not confirm the {name}", cancellationToken);
            if (!_acks[reply].AsSpan().SequenceEqual(value))
                throw new SerialLineException($"{Address}: the server rejected the {name} (asked {Convert.ToHexString(value)}, got {Convert.ToHexString(_acks[reply])})");
        }
    }

    protected override ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> data)
    {
        if (!data.Span.Contains(Iac)) return data;
        var output = new List<byte>(data.Length + 8);
        foreach (var b in data.Span)
        {
            output.Add(b);
            if (b == Iac) output.Add(Iac);
        }
        return output.ToArray();
    }

    protected override int Decode(Span<byte> wire)
    {
        var n = 0;
        foreach (var b in wire)
        {
            switch (_state)
            {
                case 0:
                    if (b == Iac) _state = 1;
                    else wire[n++] = b;
                    break;
                case 1:
                    _state = 0;
                    if (b == Iac) wire[n++] = b;
                    else if (b is Will or Wont or Do or Dont)
                    {
                        _verb = b;
                        _state = 2;
                    }
                    else if (b == Sb)
                    {
                        _sub.Clear();
                        _state = 3;
                    }
                    break;
                case 2:
                    _state = 0;
                    OnOption(_verb, b);
                    break;
                case 3:
                    if (b == Iac) _state = 4;
                    else _sub.Add(b);
                    break;
                default:
                    _state = b == Iac ? 3 : 0;
                    if (b == Iac) _sub.Add(b);
                    else if (b == Se && _sub.Count >= 2 && _sub[0] == ComPort) _acks[_sub[1]] = _sub.Skip(2).ToArray();
                    break;
            }
        }
        if (_replies.Count > 0)
        {
            var replies = _replies.ToArray();
            _replies.Clear();
            try { Socket.Send(replies); }
            catch (SocketException e) { throw new SerialLineException($"{Address} failed: {e.Message}", e); }
        }
        return n;
    }

    private void OnOption(byte verb, byte option)
    {
        if (verb == Do)
        {
            if (option is Binary or ComPort or Sga)
            {
                if (_serverDo.Add(option) && option == Binary) _replies.AddRange([Iac, Will, Binary]);
            }
            else _replies.AddRange([Iac, Wont, option]);
        }
        else if (verb == Will && option is not (Echo or Sga or ComPort or Binary))
        {
            _replies.AddRange([Iac, Dont, option]);
        }
    }

    private async Task SendAsync(byte[] bytes, CancellationToken ct)
    {
        try { await Socket.SendAsync(bytes, SocketFlags.None, ct); }
        catch (SocketException e) { throw new SerialLineException($"{Address} failed: {e.Message}", e); }
    }

    // Waits until done() (negotiation replies are decoded as they come) or OpenTimeout after started, on Time.
    private async Task WaitAsync(Func<bool> done, long started, string problem, CancellationToken ct)
    {
        var buffer = new byte[1024];
        while (!done())
        {
            var remaining = options.OpenTimeout - Time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) throw new SerialLineException($"{Address}: {problem} within {options.OpenTimeout.TotalSeconds:0.#} s");
            using var limit = new CancellationTokenSource(remaining, Time);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
            int n;
            try { n = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { continue; }
            catch (SocketException e) { throw new SerialLineException($"{Address} failed during negotiation: {e.Message}", e); }
            if (n == 0) throw new SerialLineException($"{Address} closed the connection during negotiation ({problem})");
            // Data before the settings are confirmed is not a reply to anything of ours; it is dropped.
            Decode(buffer.AsSpan(0, n));
        }
    }
}
