using System.Globalization;
using System.Net;

namespace Testbed.Dashboard.Hosting;

/// <summary>The <c>--listen addr:port</c> value, checked: an IP address (or localhost) and a port 0…65535.</summary>
public static class ListenAddress
{
    /// <summary>The endpoint, or an <see cref="ArgumentException"/> saying what is wrong with <paramref name="text"/>.</summary>
    public static IPEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new ArgumentException($"--listen '{text}': write address:port, e.g. 127.0.0.1:5080 or 0.0.0.0:5080");
        var host = text[..colon].Trim('[', ']');
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            throw new ArgumentException($"--listen '{text}': port '{portText}' is not a number from 0 to 65535");
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return new IPEndPoint(IPAddress.Loopback, port);
        if (!IPAddress.TryParse(host, out var address))
            throw new ArgumentException($"--listen '{text}': '{host}' is not an IP address (use 127.0.0.1, 0.0.0.0 or an address of this machine)");
        return new IPEndPoint(address, port);
    }

    /// <summary>Why the dashboard may not listen there with this token, or null: off loopback a token is required.</summary>
    public static string? Refusal(IPEndPoint endpoint, string? token) =>
        IPAddress.IsLoopback(endpoint.Address) || !string.IsNullOrEmpty(token)
            ? null
            : $"--listen {endpoint}: the dashboard is reachable from other machines there; give --token T (clients send 'Authorization: Bearer T' or ?token=T), or listen on 127.0.0.1";
}
