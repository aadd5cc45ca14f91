using System.Net;
using System.Net.Sockets;
using Testbed.Beamline;

namespace Testbed.Twin.Host.Keithley;

/// <summary>Where a <c>serial: url:</c> puts the twin: a pty link path, or a TCP endpoint (raw, RFC 2217, ser2net control port + device).</summary>
public sealed record KeithleySerialUrl(string Scheme, string? LinkPath, IPEndPoint? Endpoint, string? Device)
{
    /// <summary>Parses BLISS's url forms; a plain path is resolved against <paramref name="baseDirectory"/> (the beamline file's folder).</summary>
    public static KeithleySerialUrl Parse(ConfigNode serial, string baseDirectory)
    {
        var url = serial.RequireString("url").Trim();
        var lower = url.ToLowerInvariant();
        if (lower.StartsWith("rfc2217://", StringComparison.Ordinal)) return new("rfc2217", null, ParseEndpoint(serial, url["rfc2217://".Length..]), null);
        if (lower.StartsWith("tcp://", StringComparison.Ordinal)) return new("tcp", null, ParseEndpoint(serial, url["tcp://".Length..]), null);
        if (lower.StartsWith("socket://", StringComparison.Ordinal)) return new("tcp", null, ParseEndpoint(serial, url["socket://".Length..]), null);
        if (lower.StartsWith("ser2net://", StringComparison.Ordinal))
        {
            var rest = url["ser2net://".Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0 || slash == rest.Length - 1)
                throw serial.Error("url", $"'{url}' names no device; write ser2net://host:control-port/dev/ttyXX");
            return new("ser2net", null, ParseEndpoint(serial, rest[..slash]), rest[slash..]);
        }
        if (lower.Contains("://", StringComparison.Ordinal))
            throw serial.Error("url", $"the twin cannot serve '{url}'; use a path (pty link), tcp://, rfc2217:// or ser2net://");
        return new("pty", Path.GetFullPath(Path.Combine(baseDirectory, url)), null, null);
    }

    private static IPEndPoint ParseEndpoint(ConfigNode serial, string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is < 0 or > 65535)
            throw serial.Error("url", $"'{hostPort}' is not host:port (port 0 = any free port)");
        var host = hostPort[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        if (!IsHostName(host)) throw serial.Error("url", $"'{hostPort}' does not start with a host name or address; write e.g. 127.0.0.1:{port}");
        try
        {
            var resolved = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw serial.Error("url", $"host '{host}' has no IPv4 address; write an address such as 127.0.0.1");
            return new IPEndPoint(resolved, port);
        }
        catch (SocketException e)
        {
            throw serial.Error("url", $"cannot resolve host '{host}' ({e.Message}); write an address such as 127.0.0.1");
        }
    }

    /// <summary>What DNS can be asked about: 1…253 characters of letters, digits, '-', '.' and '_' (longer names made the resolver throw).</summary>
    internal static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_');
}
