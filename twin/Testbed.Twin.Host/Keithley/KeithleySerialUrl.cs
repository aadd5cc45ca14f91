using System.Net;
using System.Net.Sockets;
using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;

namespace Testbed.Twin.Host.Keithley;

/// <summary>Where a <c>serial: url:</c> puts the twin: a pty link path, or a TCP endpoint (raw, RFC 2217, ser2net control port + device).</summary>
public sealed record KeithleySerialUrl(string Scheme, string? LinkPath, IPEndPoint? Endpoint, string? Device)
{
    /// <summary>Reads the url (grammar: <see cref="LineAddress"/>); a plain path is resolved against <paramref name="baseDirectory"/> (the beamline file's folder).</summary>
    public static KeithleySerialUrl Parse(ConfigNode serial, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var url = serial.Require("url");
        var address = LineAddress.Parse(url, LineKind.Serial, baseDirectory);
        return address.Scheme switch
        {
            "tty" => new("pty", address.Path, null, null),
            "ser2net" => new("ser2net", null, Resolve(url, address), address.Path),
            _ => new(address.Scheme, null, Resolve(url, address), null),
        };
    }

    private static IPEndPoint Resolve(ConfigNode url, LineAddress address)
    {
        var host = address.Host!;
        if (IPAddress.TryParse(host, out var ip)) return new IPEndPoint(ip, address.Port);
        try
        {
            var resolved = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw url.Error(null, $"host '{host}' has no IPv4 address; write an address such as 127.0.0.1");
            return new IPEndPoint(resolved, address.Port);
        }
        catch (SocketException e)
        {
            throw url.Error(null, $"cannot resolve host '{host}' ({e.Message}); write an address such as 127.0.0.1");
        }
    }
}
