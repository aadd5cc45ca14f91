namespace Testbed.Drivers.Comm;

/// <summary>Opens the right line for a BLISS-style serial url: <c>rfc2217://host:port</c>, <c>ser2net://host:port/dev/x</c>, <c>tcp://host:port</c>, or a tty path.</summary>
public static class SerialLines
{
    /// <param name="url">The beamline file's <c>serial: url:</c>.</param>
    /// <param name="options">Line settings.</param>
    /// <param name="time">The clock reply and open timeouts are measured on (default: the system clock).</param>
    public static ISerialLine Create(string url, SerialLineOptions options, TimeProvider? time = null)
    {
        var lower = url.ToLowerInvariant();
        if (lower.StartsWith("rfc2217://", StringComparison.Ordinal)) return new Rfc2217SerialLine(url, HostPort(url, "rfc2217://"), options, time);
        if (lower.StartsWith("ser2net://", StringComparison.Ordinal))
        {
            var rest = url["ser2net://".Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0) throw new ArgumentException($"serial url '{url}' names no device; write ser2net://host:port/dev/ttyXX", nameof(url));
            return new Ser2NetSerialLine(url, HostPort("ser2net://" + rest[..slash], "ser2net://"), rest[slash..], options, time);
        }
        if (lower.StartsWith("tcp://", StringComparison.Ordinal)) return new TcpSerialLine(url, HostPort(url, "tcp://"), time);
        if (lower.StartsWith("socket://", StringComparison.Ordinal)) return new TcpSerialLine(url, HostPort(url, "socket://"), time);
        if (lower.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"serial url '{url}' is not supported; use a tty path, tcp://host:port, rfc2217://host:port or ser2net://host:port/dev/x", nameof(url));
        return new LocalSerialLine(url, options, time);
    }

    private static (string Host, int Port) HostPort(string url, string scheme)
    {
        var rest = url[scheme.Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"serial url '{url}' needs host:port, e.g. {scheme}127.0.0.1:28001", nameof(url));
        return (rest[..colon].Trim('[', ']'), port);
    }
}
