namespace Testbed.Drivers.Comm;

/// <summary>Opens the right line for a BLISS-style serial url: <c>rfc2217://host:port</c>, <c>ser2net://host:port/dev/x</c>, <c>tcp://host:port</c>, or a tty path.</summary>
public static class SerialLines
{
    public static ISerialLine Create(string url, SerialLineOptions options)
    {
        var lower = url.ToLowerInvariant();
        if (lower.StartsWith("rfc2217://", StringComparison.Ordinal)) return new Rfc2217SerialLine(url, HostPort(url, "rfc2217://"), options);
        if (lower.StartsWith("ser2net://", StringComparison.Ordinal))
        {
            var rest = url["ser2net://".Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0) throw new ArgumentException($"serial url '{url}' names no device; write ser2net://host:port/dev/ttyXX", nameof(url));
            return new Ser2NetSerialLine(url, HostPort("ser2net://" + rest[..slash], "ser2net://"), rest[slash..], options);
        }
        if (lower.StartsWith("tcp://", StringComparison.Ordinal)) return new TcpSerialLine(url, HostPort(url, "tcp://"));
        if (lower.StartsWith("socket://", StringComparison.Ordinal)) return new TcpSerialLine(url, HostPort(url, "socket://"));
        if (lower.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"serial url '{url}' is not supported; use a tty path, tcp://host:port, rfc2217://host:port or ser2net://host:port/dev/x", nameof(url));
        return new LocalSerialLine(url, options);
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
