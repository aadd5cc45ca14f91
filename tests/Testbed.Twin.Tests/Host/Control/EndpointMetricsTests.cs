using System.Net;
using System.Net.Sockets;
using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Host.Keithley;
using Testbed.Twin.Host.Elmo;

namespace Testbed.Twin.Tests.Host.Control;

public class EndpointMetricsTests
{
    [Test]
    public async Task Metrics_count_the_requests_and_errors_each_endpoint_served_on_its_wire()
    {
        await using var rig = await ControlRig.StartAsync();

        // Three datagrams to the drive, one of them a command it refuses (BG with the motor off answers '?').
        var port = rig.Endpoint<ElmoTwinEndpoint>("m2").Server.LocalEndPoint.Port;
        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            foreach (var d in new[] { "PX\r", "BG\r", "VR\r" }) await udp.SendAsync(Encoding.ASCII.GetBytes(d), new IPEndPoint(IPAddress.Loopback, port));

        // Three lines to the picoammeter over raw TCP, one of them unknown (-113).
        var pico = rig.Endpoint<KeithleyTwinEndpoint>("pico").Server!.Endpoint;
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(pico);
            await tcp.GetStream().WriteAsync("*CLS\nNO:SUCH:CMD\nSYST:ERR?\n"u8.ToArray());
            await Eventually.UntilAsync(() => Metrics("pico").Requests == 3, "the picoammeter executed 3 lines");
        }
        // Two SIMPLON requests, one for a resource that does not exist.
        using (var http = new HttpClient())
        {
            var det = rig.Control.Devices().Single(d => d.Name == "det1").Address;
            await http.GetAsync($"{det}/detector/api/1.8.0/status/state");
            await http.GetAsync($"{det}/detector/api/1.8.0/status/no_such_thing");
        }

        await Eventually.UntilAsync(() => Metrics("m2").Requests == 3, "the drive served 3 datagrams");
        Assert.That(Metrics("m2").Errors, Is.EqualTo(1), "the refused BG");
        Assert.That(Metrics("pico").Errors, Is.EqualTo(1), "the unknown header");
        Assert.That(Metrics("det1").Requests, Is.EqualTo(2));
        Assert.That(Metrics("det1").Errors, Is.EqualTo(1), "the unknown resource");
        Assert.That(Metrics("tx_ctrl").Requests, Is.Zero, "nothing was sent to tx_ctrl");
        var m = Metrics("m2");
        Assert.That(m.Latency.Sum(b => b.Count), Is.EqualTo(3), "every request is in one latency bucket");
        Assert.That(m.MeanLatencyMicroseconds, Is.GreaterThan(0));
        Assert.That(rig.Control.Metrics().Select(e => e.Name), Is.EqualTo(new[] { "tx_ctrl", "m2", "pico", "det1" }), "the world has no wire");

        Testbed.Twin.Metrics.MetricsSnapshot Metrics(string name) => rig.Control.Metrics().Single(e => e.Name == name).Metrics;
    }
}
