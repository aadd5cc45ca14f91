using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Testbed.Twin.Serial;

/// <summary>One port a <see cref="Ser2NetControlPort"/> lists: the TCP port that serves it and its device path.</summary>
public sealed record Ser2NetPort(Func<int> TcpPort, string Device, SerialLineSettings Line);

/// <summary>A ser2net 2.x-compatible control port, enough for BLISS's <c>ser2net://host:port/dev/...</c> lookup.</summary>
/// <remarks>
/// Greets with <c>IAC WILL SGA, IAC WILL ECHO, IAC DONT ECHO</c> and the prompt <c>-> </c>, echoes typed characters,
/// ignores LF, and on CR sends <c>\n\r</c> and runs the command. BLISS cuts 14 bytes off the echo of
/// <c>showshortport</c>, so these bytes are reproduced exactly.
/// </remarks>
public sealed class Ser2NetControlPort : IAsyncDisposable
{
    private static readonly byte[] Greeting = [Telnet.Iac, Telnet.Will, Telnet.SuppressGoAhead, Telnet.Iac, Telnet.Will, Telnet.Echo, Telnet.Iac, Telnet.Dont, Telnet.Echo];
    internal const string Prompt = "-> ";
    private readonly IReadOnlyList<Ser2NetPort> _ports;
    private readonly ILogger _logger;
    private readonly TcpConnectionListener _listener;

    public Ser2NetControlPort(IPEndPoint endpoint, IReadOnlyList<Ser2NetPort> ports, ILogger? logger = null)
    {
        _ports = ports;
        _logger = logger ?? NullLogger.Instance;
        _listener = new TcpConnectionListener(endpoint, ServeAsync);
    }

    public IPEndPoint Endpoint => _listener.Endpoint;

    public void Start() => _listener.Start();

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    /// <summary>The <c>showshortport</c> table: a header line, then one line per port starting with the bare TCP port number.</summary>
    public string ShowShortPort()
    {
        var sb = new StringBuilder();
        sb.Append($"{"Port name",-22} {"Type",-6} {"Timeout",7} {"Remote address",-22} {"Device",-22} {"TCP to device",-14} {"Device to TCP",-14} {"TCP in",7} {"TCP out",7} {"Dev in",7} {"Dev out",7} State\n\r");
        foreach (var p in _ports)
        {
            var l = p.Line;
            var state = $"{l.BaudRate} {l.Parity.ToString().ToUpperInvariant()} {(l.StopBits == 2 ? "2STOPBITS" : "1STOPBIT")} {l.DataBits}DATABITS";
            sb.Append($"{p.TcpPort(),-22} {"telnet",-6} {0,7} {"unconnected",-22} {p.Device,-22} {"waiting input",-14} {"waiting input",-14} {0,7} {0,7} {0,7} {0,7} {state}\n\r");
        }
        return sb.ToString();
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        try
        {
            socket.NoDelay = true;
            await socket.SendAsync(Greeting.Concat(Encoding.ASCII.GetBytes(Prompt)).ToArray(), ct);
            var buffer = new byte[1024];
            var session = new Ser2NetControlSession(this);
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0) return;
                var output = new List<byte>();
                var open = session.Receive(buffer.AsSpan(0, n), output);
                if (output.Count > 0) await socket.SendAsync(output.ToArray(), ct);
                if (!open) return;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    /// <summary>The reply to one command line (without the prompt).</summary>
    internal string Run(string command)
    {
        var verb = command.Split(' ', 2)[0];
        _logger.LogDebug("ser2net control: {Command}", command);
        return verb switch
        {
            "" => "",
            "showshortport" or "showport" => ShowShortPort(),
            "help" => "showshortport [<TCP port>] - show a one-line summary of each port\n\rexit - leave the control port\n\r",
            _ => $"Unknown command: {verb}\n\r",
        };
    }
}
