using System.Net.Sockets;
using Testbed.Twin.Serial;

namespace Testbed.Bench.Serial;

/// <summary>The raw references: whatever arrives on the line goes straight back (a pty master, a TCP socket).</summary>
internal static class LineEchoes
{
    /// <summary>Echoes on the pty's master until <paramref name="ct"/> is cancelled.</summary>
    public static void Pty(PseudoTerminal pty, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (!ct.IsCancellationRequested)
        {
            var n = pty.Read(buffer, 50);
            if (n > 0) pty.Write(buffer.AsSpan(0, n));
        }
    }

    /// <summary>Echoes on the first connection to <paramref name="listener"/> until it closes.</summary>
    public static async Task TcpAsync(TcpListener listener, CancellationToken ct)
    {
        try
        {
            using var socket = await listener.AcceptSocketAsync(ct);
            socket.NoDelay = true;
            var buffer = new byte[4096];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0) return;
                socket.Send(buffer, 0, n, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }
}
