using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;

namespace Testbed.Drivers.Comm;

/// <summary>Opens the right line for a BLISS-style serial url: <c>rfc2217://host:port</c>, <c>ser2net://host:port/dev/x</c>, <c>tcp://host:port</c>, or a tty path.</summary>
public static class SerialLines
{
    /// <exception cref="ArgumentException">Not a serial url; the message says what to write.</exception>
    public static ISerialLine Create(string url, SerialLineOptions options)
    {
        var address = LineAddress.Parse(url, LineKind.Serial, Directory.GetCurrentDirectory());
        if (address.Scheme != "tty" && address.Port == 0)
            throw new ArgumentException($"serial url '{url}' has port 0; a client needs the port the line answers on");
        return address.Scheme switch
        {
            "rfc2217" => new Rfc2217SerialLine(url, (address.Host!, address.Port), options),
            "ser2net" => new Ser2NetSerialLine(url, (address.Host!, address.Port), address.Path!, options),
            "tcp" => new TcpSerialLine(url, (address.Host!, address.Port)),
            _ => new LocalSerialLine(address.Path!, options),
        };
    }
}
