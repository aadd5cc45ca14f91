using System.Net;
using System.Net.Sockets;

namespace Testbed.TestSupport;

/// <summary>Free loopback ports for servers that cannot bind port 0 themselves (e.g. redis-server).</summary>
public static class FreePort
{
    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago.</summary>
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
