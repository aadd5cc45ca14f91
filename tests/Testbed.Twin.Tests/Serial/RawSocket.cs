using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Twin.Tests.Serial;

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

    /// <summary>Reads until <paramref name="count"/> bytes are there (or the timeout passes: real I/O) and removes them from the buffer.</summary>
    public byte[] Read(int count, int timeoutMs = 3000)
    {
        var started = Stopwatch.GetTimestamp();
        while (_buffer.Count < count && Left(started, timeoutMs) > 0) Pull(Left(started, timeoutMs));
        var n = Math.Min(count, _buffer.Count);
        var result = _buffer.GetRange(0, n).ToArray();
        _buffer.RemoveRange(0, n);
        return result;
    }

    /// <summary>Reads until <paramref name="marker"/> has arrived; returns everything up to and including it.</summary>
    public byte[] ReadUntil(byte[] marker, int timeoutMs = 3000)
    {
        var started = Stopwatch.GetTimestamp();
        while (Left(started, timeoutMs) > 0)
        {
            var at = IndexOf(marker);
            if (at >= 0) return Read(at + marker.Length, 0);
            Pull(Left(started, timeoutMs));
        }
        return Read(_buffer.Count, 0);
    }

    /// <summary>Bytes that have arrived and are not read yet, without waiting.</summary>
    public int Available => _socket.Available + _buffer.Count;

    public void Dispose() => _socket.Dispose();

    private void Pull(int timeoutMs)
    {
        if (timeoutMs <= 0 || !_socket.Poll(timeoutMs * 1000, SelectMode.SelectRead)) return;
        var chunk = new byte[4096];
        var n = _socket.Receive(chunk);
        if (n == 0) throw new IOException("the server closed the connection");
        _buffer.AddRange(chunk[..n]);
    }

    private static int Left(long started, int timeoutMs) => timeoutMs - (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private int IndexOf(byte[] marker)
    {
        for (var i = 0; i + marker.Length <= _buffer.Count; i++)
            if (_buffer.Skip(i).Take(marker.Length).SequenceEqual(marker)) return i;
        return -1;
    }
}
