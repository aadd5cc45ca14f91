using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Testbed.TestSupport;

namespace Testbed.Drivers.Tests.Keithley;

/// <summary>A scripted instrument behind a loopback TCP port: replies per script, can inject raw bytes and drop the connection.</summary>
internal sealed class ScriptedTcpInstrument : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private Socket? _current;

    public ScriptedTcpInstrument(Script script)
    {
        Responder = new ScriptedResponder(script);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public ScriptedResponder Responder { get; }

    public string Url => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Connections { get; private set; }

    /// <summary>Sends raw bytes and returns once the client's kernel holds them (nothing left unacknowledged in our send queue).</summary>
    public void Inject(byte[] bytes)
    {
        var socket = _current ?? throw new InvalidOperationException("no client is connected");
        socket.Send(bytes);
        Eventually.Value(() => Unacknowledged(socket), n => n == 0, "the injected bytes reaching the client");
    }

    /// <summary>Closes the present connection, as a terminal server restart would.</summary>
    public void Drop() => _current?.Dispose();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _current?.Dispose();
        try { await _accepting; }
        catch (OperationCanceledException) { }
    }

    // SIOCOUTQ: bytes in the socket's send queue not yet acknowledged by the peer.
    private static int Unacknowledged(Socket socket) =>
        ioctl((int)socket.Handle, 0x5411, out var n) == 0 ? n : throw new IOException($"ioctl SIOCOUTQ: errno {Marshal.GetLastPInvokeError()}");

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out int count);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _current = socket;
            Connections++;
            _ = Task.Run(async () =>
            {
                var buffer = new byte[4096];
                try
                {
                    while (true)
                    {
                        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                        if (n == 0) return;
                        var reply = Responder.Feed(buffer.AsSpan(0, n));
                        if (reply.Length > 0) await socket.SendAsync(reply, SocketFlags.None);
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException) { }
            });
        }
    }
}
