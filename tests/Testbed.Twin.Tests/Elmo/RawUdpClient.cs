using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>A bare UDP socket on loopback that sends bytes and receives datagrams with their source (no protocol knowledge beyond the test's own assertions).</summary>
internal sealed class RawUdpClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public RawUdpClient(IPEndPoint server)
    {
        Server = server;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveBufferSize = 1 << 20;
    }

    public IPEndPoint Server { get; }

    public int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Send(ReadOnlySpan<byte> bytes) => _socket.SendTo(bytes, SocketFlags.None, Server);

    public void Send(string latin1) => Send(Encoding.Latin1.GetBytes(latin1));

    /// <summary>The next datagram and its source, or null after <paramref name="timeout"/>.</summary>
    public (byte[] Data, IPEndPoint From)? Receive(TimeSpan timeout)
    {
        if (!_socket.Poll(timeout, SelectMode.SelectRead)) return null;
        var buffer = new byte[70000];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var n = _socket.ReceiveFrom(buffer, ref from);
        return (buffer[..n], (IPEndPoint)from);
    }

    /// <summary>Sends <paramref name="request"/> and returns the one reply (as Latin-1 text), asserting it came from the server's address and port.</summary>
    public string Exchange(string request)
    {
        Send(request);
        var reply = Receive(TimeSpan.FromSeconds(5)) ?? throw new AssertionException($"no reply to {Escape(request)} within 5 s");
        Assert.That(reply.From, Is.EqualTo(Server), "the reply must come from the port the request went to");
        return Encoding.Latin1.GetString(reply.Data);
    }

    /// <summary>Every datagram that has arrived for this client, taken after a marker request from a second socket got its reply.</summary>
    /// <remarks>
    /// The server answers datagrams one at a time in arrival order, so once the marker (sent after everything of this
    /// client's) is answered, every reply due to this client has been sent: nothing is waited for by the clock.
    /// The marker is sent again while unanswered: a flood may overrun the server's receive buffer, and the kernel drops
    /// what does not fit. Not for drives with a reply delay or datagram loss.
    /// </remarks>
    public List<byte[]> Drain()
    {
        using (var marker = new RawUdpClient(Server))
        {
            var answered = false;
            for (var attempt = 0; attempt < 10 && !answered; attempt++)
            {
                marker.Send("UM\r");
                answered = marker.Receive(TimeSpan.FromSeconds(1)) is not null;
            }
            Assert.That(answered, Is.True, "the marker request UM was never answered");
        }
        return TakeArrived();
    }

    /// <summary>The datagrams already in the socket's queue, without waiting.</summary>
    public List<byte[]> TakeArrived()
    {
        var all = new List<byte[]>();
        while (Receive(TimeSpan.Zero) is { } d) all.Add(d.Data);
        return all;
    }

    /// <summary>Exactly <paramref name="count"/> datagrams (each awaited up to 5 s: real I/O).</summary>
    public List<byte[]> ReceiveExactly(int count)
    {
        var all = new List<byte[]>();
        for (var i = 0; i < count; i++)
            all.Add((Receive(TimeSpan.FromSeconds(5)) ?? throw new AssertionException($"datagram {i + 1} of {count} did not arrive within 5 s")).Data);
        return all;
    }

    public static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");

    public void Dispose() => _socket.Dispose();
}
