using System.Net;
using System.Net.Sockets;

namespace Testbed.Twin.Serial;

/// <summary>A TCP listener that hands every accepted connection to a handler and closes them all on dispose.</summary>
/// <remarks>Shared by the serial-over-TCP server and the ser2net control port, which differ only in what they say on a connection.</remarks>
internal sealed class TcpConnectionListener(IPEndPoint endpoint, Func<Socket, CancellationToken, Task> serve) : IAsyncDisposable
{
    private readonly TcpListener _listener = new(endpoint);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _clients = [];
    private Task? _accepting;

    /// <summary>The bound endpoint (port 0 resolved) once started.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get; private set; }

    public void Start()
    {
        try { _listener.Start(); }
        catch (SocketException e)
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
            _ = Task.Run(() => ServeOneAsync(socket, ct), CancellationToken.None);
        }
    }

    private async Task ServeOneAsync(Socket socket, CancellationToken ct)
    {
        try { await serve(socket, ct); }
        finally
        {
            lock (_clients) _clients.Remove(socket);
            socket.Dispose();
        }
    }
}
