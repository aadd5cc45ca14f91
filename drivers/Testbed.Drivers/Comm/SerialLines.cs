using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;

namespace Testbed.Drivers.Comm;

/// <summary>Opens the right line for a BLISS-style serial url: <c>rfc2217://host:port</c>, <c>ser2net://host:port/dev/x</c>, <c>tcp://host:port</c>, or a tty path.</summary>
public static class SerialLines
{
    /// <param name="url">The beamline file's <c>serial: url:</c>.</param>
    /// <param name="options">Line settings.</param>
    /// <param name="time">The clock reply and open timeouts are measured on (default: the system clock).</param>
    /// <exception cref="ArgumentException">Not a serial url; the message says what to write.</exception>
    public static ISerialLine Create(string url, SerialLineOptions options, TimeProvider? time = null)
    {
        var address = LineAddress.Parse(url, LineKind.Serial, Directory.GetCurrentDirectory());
        if (address.Scheme != "tty" && address.Port == 0)
            throw new ArgumentException($"serial url '{url}' has port 0; a client needs the port the line answers on");
        return address.Scheme switch
        {
            "rfc2217" => new Rfc2217SerialLine(url, (address.Host!, address.Port), options, time),
            "ser2net" => new Ser2NetSerialLine(url, (address.Host!, address.Port), address.Path!, options, time),
            "tcp" => new TcpSerialLine(url, (address.Host!, address.Port), time),
            _ => new LocalSerialLine(address.Path!, options, time),
        };
    }
}
