using System.Net;
using System.Net.Sockets;

namespace Testbed.TestSupport;

/// <summary>Loopback ports for servers that cannot bind port 0 themselves (redis-server, HttpListener, a child process given a beamline file).</summary>
/// <remarks>
/// A port probed free is released before the server binds it, so another process may take it in between. Servers
/// are therefore started through <see cref="Bind{T}"/>/<see cref="BindAsync{T}"/>, which retry with a fresh port when
/// the bind fails with "address in use". A port that must stay closed is held by <see cref="Closed"/>.
/// </remarks>
public static class FreePort
{
    /// <summary>How many fresh ports a start is tried on before the failure is reported.</summary>
    public const int Attempts = 5;

    // Ports are drawn below Linux's ephemeral range (32768–60999): a port probed free there could be handed, before our server binds it, to
    // any client socket of a parallel test (a driver resends each retry from a new source port), and .NET binds UDP with SO_REUSEADDR, so
    // both binds succeed and the datagrams go to the client.
    private const int Lowest = 20000;
    private const int Highest = 32767;

    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago (start the server through <see cref="Bind{T}"/>).</summary>
    public static int Tcp() => Probe(port =>
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    });

    /// <summary>A UDP port that was free on 127.0.0.1 a moment ago (start the server through <see cref="Bind{T}"/>).</summary>
    public static int Udp() => Probe(port =>
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ExclusiveAddressUse = true };
        s.Bind(new IPEndPoint(IPAddress.Loopback, port));
    });

    private static int Probe(Action<int> bind)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest + 1);
            try
            {
                bind(port);
                return port;
            }
            catch (SocketException) when (attempt < 200) { }
        }
    }

    /// <summary>Runs <paramref name="start"/> on a fresh port until it does not fail with "address in use" (at most <see cref="Attempts"/> times).</summary>
    public static T Bind<T>(Func<int, T> start, Func<int>? pick = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return start((pick ?? Tcp)()); }
            catch (Exception e) when (attempt < Attempts && IsAddressInUse(e)) { }
        }
    }

    /// <summary>The asynchronous form of <see cref="Bind{T}"/>.</summary>
    public static async Task<T> BindAsync<T>(Func<int, Task<T>> start, Func<int>? pick = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await start((pick ?? Tcp)()); }
            catch (Exception e) when (attempt < Attempts && IsAddressInUse(e)) { }
        }
    }

    /// <summary>True when <paramref name="e"/> (or an inner exception) says the port was taken.</summary>
    public static bool IsAddressInUse(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
            if (x is HttpListenerException { ErrorCode: 98 or 183 }) return true; // EADDRINUSE (Linux), ERROR_ALREADY_EXISTS (Windows)
            if (IsAddressInUse(x.Message)) return true;
        }
        return false;
    }

    /// <summary>True when a message (e.g. a child process's output) reports a port taken.</summary>
    public static bool IsAddressInUse(string text) => text.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    /// <summary>Holds a loopback port that nobody serves: TCP connects are refused and UDP datagrams get "port unreachable", until disposed.</summary>
    public static ClosedPort Closed(ProtocolType protocol = ProtocolType.Tcp) => new(protocol);
}

/// <summary>A loopback port kept bound so no one else can serve it, yet closed to clients (see <see cref="FreePort.Closed"/>).</summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket;

    internal ClosedPort(ProtocolType protocol)
    {
        _socket = protocol == ProtocolType.Udp
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        // A bound TCP socket that never listens refuses connections. A UDP socket connected to another peer (the discard
        // port) does not match datagrams from anyone else, so the kernel answers them with ICMP port unreachable.
        if (protocol == ProtocolType.Udp) _socket.Connect(new IPEndPoint(IPAddress.Loopback, 9));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
