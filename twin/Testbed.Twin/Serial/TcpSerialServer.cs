using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Testbed.Twin.Serial;

/// <summary>How a TCP connection carries the serial line: raw bytes, or telnet with RFC 2217 COM-PORT control.</summary>
public enum TcpSerialProtocol
{
    Raw,
    Rfc2217,
}

/// <summary>Serves a device over TCP, one session per connection (clients may reconnect at any time).</summary>
public sealed class TcpSerialServer : IAsyncDisposable
{
    private readonly ISerialDevice _device;
    private readonly TimeProvider _clock;
    private readonly TcpSerialProtocol _protocol;
    private readonly bool _pacing;
    private readonly LineNoise? _noise;
    private readonly ILogger _logger;
    private readonly TcpConnectionListener _listener;

    public TcpSerialServer(ISerialDevice device, IPEndPoint endpoint, TimeProvider clock, TcpSerialProtocol protocol,
        bool pacing = false, LineNoise? noise = null, ILogger? logger = null)
    {
        _device = device;
        _clock = clock;
        _protocol = protocol;
        _pacing = pacing;
        _noise = noise;
        _logger = logger ?? NullLogger.Instance;
        _listener = new TcpConnectionListener(endpoint, ServeAsync);
    }

    /// <summary>The bound endpoint (port 0 resolved) once started.</summary>
    public IPEndPoint Endpoint => _listener.Endpoint;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => _listener.Connections;

    public void Start() => _listener.Start();

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var where = $"{_protocol.ToString().ToLowerInvariant()} {Endpoint.Port} ← {socket.RemoteEndPoint}";
        var link = _noise?.Link;
        // A disconnect fault: the connection is cut now, and new ones are refused while it holds (RST, as a closed port would).
        if (link?.IsDisconnected == true)
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return;
        }
        void Cut()
        {
            try { socket.Shutdown(SocketShutdown.Both); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }
        if (link is not null) link.Disconnected += Cut;
        var sendGate = new object();
        socket.NoDelay = true;
        void Send(ReadOnlySpan<byte> bytes)
        {
            lock (sendGate)
            {
                try { socket.Send(bytes); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            }
        }
        var session = _device.OpenSession();
        var rfc2217 = _protocol == TcpSerialProtocol.Rfc2217 ? new Rfc2217Negotiator(session, _device.Line, _logger, where) : null;
        using var pump = new SessionPump(session, _clock,
            rfc2217 is null ? bytes => Send(bytes) : bytes => Send(Telnet.Escape(bytes)), _device.Line, _pacing, _noise);
        _logger.LogInformation("{Where}: client connected", where);
        try
        {
            if (rfc2217 is not null) Send(Rfc2217Negotiator.Greeting);
            var buffer = new byte[4096];
            var data = new List<byte>(4096);
            var replies = new List<byte>(256);
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0) break;
                if (rfc2217 is null)
                {
                    pump.Receive(buffer.AsSpan(0, n));
                    continue;
                }
                data.Clear();
                replies.Clear();
                rfc2217.Process(buffer.AsSpan(0, n), data, replies);
                // All answers to one client write go out in one TCP write (BLISS reads the five COM-PORT acks in one pass).
                if (replies.Count > 0) Send(replies.ToArray());
                if (data.Count > 0) pump.Receive(data.ToArray());
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            if (link is not null) link.Disconnected -= Cut;
            _logger.LogInformation("{Where}: client closed", where);
        }
    }
}
