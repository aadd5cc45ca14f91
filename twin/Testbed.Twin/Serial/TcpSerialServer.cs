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
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _clients = [];
    private readonly TcpListener _listener;
    private Task? _accepting;

    public TcpSerialServer(ISerialDevice device, IPEndPoint endpoint, TimeProvider clock, TcpSerialProtocol protocol,
        bool pacing = false, LineNoise? noise = null, ILogger? logger = null)
    {
        _device = device;
        _clock = clock;
        _protocol = protocol;
        _pacing = pacing;
        _noise = noise;
        _logger = logger ?? NullLogger.Instance;
        _listener = new TcpListener(endpoint);
    }

    /// <summary>The bound endpoint (port 0 resolved) once started.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public int Connections { get; private set; }

    public void Start()
    {
        try { _listener.Start(); }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new IOException($"cannot listen on {_listener.LocalEndpoint}: {e.Message}; stop whatever uses that port or choose another in the serial url", e);
        }
        _accepting = AcceptAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
            foreach (var c in _clients) c.Dispose();
        if (_accepting is not null)
        {
            try { await _accepting; }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(ct); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            lock (_clients) _clients.Add(socket);
            Connections++;
            _ = Task.Run(() => ServeAsync(socket, ct), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var where = $"{_protocol.ToString().ToLowerInvariant()} {Endpoint.Port} ← {socket.RemoteEndPoint}";
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
            lock (_clients) _clients.Remove(socket);
            socket.Dispose();
            _logger.LogInformation("{Where}: client closed", where);
        }
    }
}
