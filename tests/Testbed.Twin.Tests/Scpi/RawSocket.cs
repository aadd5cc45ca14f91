using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Twin.Tests.Scpi;

/// <summary>A test TCP client that sends and collects raw bytes with timeouts.</summary>
internal sealed class RawSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _buffer = [];

    public RawSocket(IPEndPoint endpoint)
    {
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(endpoint);
    }

    public void Send(params byte[] bytes) => _socket.Send(bytes);

    public void Send(string text) => Send(Encoding.Latin1.GetBytes(text));

    /// <summary>Reads until <paramref name="count"/> bytes are there (or the timeout passes) and removes them from the buffer.</summary>
    public byte[] Read(int count, int timeoutMs = 3000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (_buffer.Count < count && DateTime.UtcNow < deadline) Pull((int)(deadline - DateTime.UtcNow).TotalMilliseconds);
        var n = Math.Min(count, _buffer.Count);
        var result = _buffer.GetRange(0, n).ToArray();
        _buffer.RemoveRange(0, n);
        return result;
    }

    /// <summary>Reads until <paramref name="marker"/> has arrived; returns everything up to and including it.</summary>
    public byte[] ReadUntil(byte[] marker, int timeoutMs = 3000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var at = IndexOf(marker);
            if (at >= 0) return Read(at + marker.Length, 0);
            Pull((int)(deadline - DateTime.UtcNow).TotalMilliseconds);
        }
        return Read(_buffer.Count, 0);
    }

    /// <summary>Everything that arrives within <paramref name="windowMs"/>.</summary>
    public byte[] ReadFor(int windowMs)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(windowMs);
        while (DateTime.UtcNow < deadline) Pull((int)(deadline - DateTime.UtcNow).TotalMilliseconds);
        return Read(_buffer.Count, 0);
    }

    public void Dispose() => _socket.Dispose();

    private void Pull(int timeoutMs)
    {
        if (timeoutMs <= 0 || !_socket.Poll(timeoutMs * 1000, SelectMode.SelectRead)) return;
        var chunk = new byte[4096];
        var n = _socket.Receive(chunk);
        if (n == 0) throw new IOException("the server closed the connection");
        _buffer.AddRange(chunk[..n]);
    }

    private int IndexOf(byte[] marker)
    {
        for (var i = 0; i + marker.Length <= _buffer.Count; i++)
            if (_buffer.Skip(i).Take(marker.Length).SequenceEqual(marker)) return i;
        return -1;
    }
}
