using System.Globalization;
using System.Net;

namespace Testbed.Twin.Host.Control;

/// <summary>Where the control API listens and the bearer token it requires (null: none).</summary>
/// <remarks>Loopback needs no token; any other address does (the API moves motors and changes the beam), so
/// <see cref="Check"/> refuses one without.</remarks>
public sealed record ControlServerOptions(string Host = "127.0.0.1", int Port = 0, string? Token = null)
{
    /// <summary>Reads <c>PORT</c>, <c>HOST</c> or <c>HOST:PORT</c> (<c>[::1]:PORT</c> for IPv6); errors say what to write.</summary>
    public static ControlServerOptions Parse(string address, string? token)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var only)) return new ControlServerOptions(Port: CheckPort(only, address), Token: token);
        var colon = text.LastIndexOf(':');
        var host = text;
        var port = 0;
        if (colon > 0 && text.IndexOf(':') == colon || text.StartsWith('[') && colon > text.IndexOf(']'))
        {
            host = text[..colon];
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
                throw new ArgumentException($"control address '{address}': '{text[(colon + 1)..]}' is not a port; write e.g. 127.0.0.1:8700 or 8700");
            CheckPort(port, address);
        }
        host = host.Trim('[', ']');
        if (host.Length == 0) throw new ArgumentException($"control address '{address}' has no host; write e.g. 127.0.0.1:8700");
        return new ControlServerOptions(host, port, token);
    }

    /// <summary>True for 127.x, ::1 and localhost: only this machine reaches it.</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Refuses a non-loopback address without a token, and an empty token.</summary>
    public void Check()
    {
        if (Token is { } t && string.IsNullOrWhiteSpace(t)) throw new ArgumentException("the control token is empty; give a secret string, e.g. from `openssl rand -hex 16`");
        if (!IsLoopback && Token is null)
            throw new ArgumentException($"the control API on {Host} is reachable from other machines and moves motors: give a bearer token (--control-token), or listen on 127.0.0.1");
    }

    /// <summary>The URL Kestrel binds (port 0: a free one).</summary>
    public string BindUrl => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host == "*" || Host == "0.0.0.0" ? "0.0.0.0" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static int CheckPort(int port, string address) =>
        port is >= 0 and <= 65535 ? port : throw new ArgumentException($"control address '{address}': port {port} is outside 0…65535");
}
