using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.TestSupport;

namespace Testbed.Twin.Tests.Host;

/// <summary>Serving a beamline on free or shifted ports, and the resolved file that tells clients where everything is.</summary>
public class BeamlinePortsTests
{
    private const string Yaml = """
        - class: elmo
          name: rot_ctrl
          udp: {url: 127.0.0.1:5001}   # the drive
          axes: [{name: rot, steps_per_unit: 100, velocity: 1, acceleration: 2}]
        - class: keithley
          name: k_pty
          serial: {url: run/keithley1}
        - class: keithley
          name: k_rfc
          serial: {url: "rfc2217://127.0.0.1:28001"}
        - class: simplon_detector
          name: det1
          http: {url: "http://127.0.0.1:8081"}
          data_root: data/det1
        """;

    [Test]
    public void Free_asks_for_port_0_everywhere_and_moves_pty_links_into_the_run_folder()
    {
        var config = BeamlineConfig.Parse(Yaml, "/beam/b.yaml");
        var served = BeamlinePorts.Apply(config, PortPolicy.Free, "/beam/run/77");
        Assert.That(served.Addresses().Select(a => a.Address.Url), Is.EqualTo(new[]
        {
            "127.0.0.1:0", "/beam/run/77/keithley1", "rfc2217://127.0.0.1:0", "http://127.0.0.1:0",
        }));
        Assert.That(served.Text, Does.Contain("# the drive"), "the rest of the file is kept");
    }

    [Test]
    public void Offset_shifts_every_port_and_refuses_one_past_65535()
    {
        var config = BeamlineConfig.Parse(Yaml, "/beam/b.yaml");
        var served = BeamlinePorts.Apply(config, PortPolicy.Shifted(100), "/beam/run/o");
        Assert.That(served.Addresses().Select(a => a.Address.Port), Is.EqualTo(new[] { 5101, 0, 28101, 8181 }));
        var e = Assert.Throws<ConfigException>(() => BeamlinePorts.Apply(config, PortPolicy.Shifted(60000), "/x"))!;
        Assert.That(e.Message, Does.Contain("port 5001 offset:60000 is 65001").Or.Contain("port 28001 offset:60000 is 88001"));
    }

    [TestCase("file")]
    [TestCase("free")]
    [TestCase("offset:-3")]
    public void Choices_read_back(string text) => Assert.That(PortPolicy.Parse(text).ToString(), Is.EqualTo(text));

    [Test]
    public void Other_choices_say_what_to_write() =>
        Assert.That(() => PortPolicy.Parse("random"), Throws.ArgumentException.With.Message.Contains("write file (the beamline file's ports), free (any free ports) or offset:N"));

    [Test]
    public async Task A_twin_on_free_ports_answers_where_its_resolved_file_says()
    {
        using var dir = new TempDirectory("ports-free");
        File.WriteAllText(dir.File("b.yaml"), Yaml);
        var config = BeamlineConfig.Load(dir.File("b.yaml"));
        using var clock = new SimulationClock();
        await using var twin = await ServedBeamline.StartAsync(config, PortPolicy.Free, new TwinContext(clock, NullLoggerFactory.Instance, config.BaseDirectory), null, CancellationToken.None);

        var resolved = twin.Resolved.Addresses().ToDictionary(a => a.Controller.Name, a => a.Address);
        Assert.That(resolved.Values.Where(a => a.Scheme != "tty").Select(a => a.Port), Has.All.GreaterThan(0));
        Assert.That(resolved["k_pty"].Path, Does.StartWith(Path.Combine(dir.Path, "run", Environment.ProcessId.ToString())));
        Assert.That(File.Exists(resolved["k_pty"].Path), Is.True, "the pty link is where the resolved file says");
        Assert.That(twin.Resolved.Controllers.Single(c => c.Name == "det1").Node.String("data_root"), Is.EqualTo(Path.Combine(dir.Path, "data", "det1")),
            "relative paths become absolute, so the file works from anywhere");

        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        udp.Client.ReceiveTimeout = 5000;
        await udp.SendAsync(Encoding.ASCII.GetBytes("PX\r"), new IPEndPoint(IPAddress.Loopback, resolved["rot_ctrl"].Port));
        var reply = await udp.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(Encoding.ASCII.GetString(reply.Buffer), Is.EqualTo("PX\r0;"));

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, resolved["det1"].Port);
        Assert.That(tcp.Connected, Is.True);
    }

    [Test]
    public async Task The_run_folder_is_removed_when_the_twin_stops()
    {
        using var dir = new TempDirectory("ports-run");
        File.WriteAllText(dir.File("b.yaml"), Yaml);
        var config = BeamlineConfig.Load(dir.File("b.yaml"));
        using var clock = new SimulationClock();
        var twin = await ServedBeamline.StartAsync(config, PortPolicy.Free, new TwinContext(clock, NullLoggerFactory.Instance, config.BaseDirectory), null, CancellationToken.None);
        var run = Path.GetDirectoryName(twin.Resolved.Addresses().Single(a => a.Address.Scheme == "tty").Address.Path)!;
        Assert.That(Directory.Exists(run), Is.True);
        await twin.DisposeAsync();
        Assert.That(Directory.Exists(run), Is.False);
    }
}
