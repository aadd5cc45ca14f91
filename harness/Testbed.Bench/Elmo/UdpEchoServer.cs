using System.Net;
using System.Net.Sockets;

namespace Testbed.Bench.Elmo;

/// <summary>The physical reference: a UDP socket that sends every datagram straight back, with the same async receive/send loop as the twin's server.</summary>
internal sealed class UdpEchoServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static UdpEchoServer Start()
    {
        var server = new UdpEchoServer();
        server._socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server._loop = Task.Factory.StartNew(server.LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        return server;
    }

    private async Task LoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65536, pinned: true);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var n = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, _stop.Token);
                await _socket.SendToAsync(buffer.AsMemory(0, n), SocketFlags.None, from, _stop.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try { await _loop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
