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

    /// <summary>Every datagram arriving until the socket stays quiet for <paramref name="quiet"/>.</summary>
    public List<byte[]> Drain(TimeSpan quiet)
    {
        var all = new List<byte[]>();
        while (Receive(quiet) is { } d) all.Add(d.Data);
        return all;
    }

    public static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");

    public void Dispose() => _socket.Dispose();
}
