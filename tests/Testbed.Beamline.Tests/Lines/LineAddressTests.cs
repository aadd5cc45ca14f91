using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;

namespace Testbed.Beamline.Tests.Lines;

/// <summary>The one grammar of <c>url:</c> values that both the twin and the drivers read.</summary>
public class LineAddressTests
{
    [TestCase("127.0.0.1:5002", "udp", "127.0.0.1", 5002)]
    [TestCase("drive1", "udp", "drive1", 5001)]
    [TestCase("udp://10.0.0.7:5003", "udp", "10.0.0.7", 5003)]
    public void Udp_addresses_default_to_blisss_elmo_port(string url, string scheme, string host, int port)
    {
        var a = LineAddress.Parse(url, LineKind.Udp, "/");
        Assert.That((a.Scheme, a.Host, a.Port), Is.EqualTo((scheme, host, port)));
    }

    [TestCase("rfc2217://lid00a:28001", "rfc2217", "lid00a", 28001, null)]
    [TestCase("tcp://127.0.0.1:9000", "tcp", "127.0.0.1", 9000, null)]
    [TestCase("socket://127.0.0.1:9000", "tcp", "127.0.0.1", 9000, null)]
    [TestCase("ser2net://lid00a:29000/dev/ttyRP1", "ser2net", "lid00a", 29000, "/dev/ttyRP1")]
    [TestCase("run/keithley1", "tty", null, 0, "/beamline/run/keithley1")]
    [TestCase("/dev/ttyS0", "tty", null, 0, "/dev/ttyS0")]
    public void Serial_urls_in_every_form_bliss_takes(string url, string scheme, string? host, int port, string? path)
    {
        var a = LineAddress.Parse(url, LineKind.Serial, "/beamline");
        Assert.That((a.Scheme, a.Host, a.Port, a.Path), Is.EqualTo((scheme, host, port, path)));
    }

    [TestCase("127.0.0.1:99999", LineKind.Udp, "'99999' in '127.0.0.1:99999' is not a port number")]
    [TestCase("host/x", LineKind.Udp, "is not host[:port]")]
    [TestCase("tango://id00/serial/1", LineKind.Serial, "is not a serial line testbed knows")]
    [TestCase("ser2net://lid00a:29000", LineKind.Serial, "names no device")]
    [TestCase("rfc2217://lid00a", LineKind.Serial, "needs host:port")]
    [TestCase("https://det:80", LineKind.Http, "is not an http:// URL")]
    public void Mistakes_say_what_to_write(string url, LineKind kind, string problem)
    {
        Assert.That(() => LineAddress.Parse(url, kind, "/"), Throws.ArgumentException.With.Message.Contains(problem));
    }

    [Test]
    public void An_address_written_back_reads_the_same()
    {
        foreach (var (url, kind) in new[] { ("127.0.0.1:5002", LineKind.Udp), ("rfc2217://h:1", LineKind.Serial), ("ser2net://h:2/dev/x", LineKind.Serial), ("http://h:3", LineKind.Http) })
        {
            var a = LineAddress.Parse(url, kind, "/");
            Assert.That(LineAddress.Parse(a.Url, kind, "/"), Is.EqualTo(a));
        }
    }
}
