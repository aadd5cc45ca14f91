using Testbed.Beamline;

namespace Testbed.Beamline.Tests.Lines;

/// <summary>Two controllers on one port would drive each other's devices: the file is refused at load, naming both.</summary>
public class AddressConflictTests
{
    [Test]
    public void Two_controllers_on_one_udp_port_are_named_with_their_lines()
    {
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse("""
            - class: elmo
              name: a_ctrl
              udp: {url: 127.0.0.1:5001}
            - class: elmo
              name: b_ctrl
              udp: {url: "localhost:5001"}
            """, "two.yaml"))!;
        Assert.That(e.Message, Is.EqualTo(
            "two.yaml:6:14: key 'b_ctrl.udp.url': udp port 5001 of 127.0.0.1 is used by both 'a_ctrl' (two.yaml:3:14) and 'b_ctrl'; give each controller its own url:"));
    }

    [Test]
    public void Tcp_lines_of_different_kinds_conflict_too_but_udp_and_tcp_do_not()
    {
        Assert.That(() => BeamlineConfig.Parse("""
            - class: keithley
              name: k1
              serial: {url: "rfc2217://127.0.0.1:28001"}
            - class: simplon_detector
              name: det1
              http: {url: "http://127.0.0.1:28001"}
            """, "t.yaml"), Throws.TypeOf<ConfigException>().With.Message.Contains("tcp port 28001 of 127.0.0.1 is used by both 'k1'"));
        Assert.That(() => BeamlineConfig.Parse("""
            - class: elmo
              name: a
              udp: {url: 127.0.0.1:28001}
            - class: keithley
              name: k1
              serial: {url: "tcp://127.0.0.1:28001"}
            - class: keithley
              name: k2
              serial: {url: "tcp://127.0.0.1:0"}
            - class: keithley
              name: k3
              serial: {url: "tcp://127.0.0.1:0"}
            """, "t.yaml"), Throws.Nothing, "UDP and TCP ports are separate; port 0 asks for any free port");
    }

    [Test]
    public void Two_pty_links_at_one_path_conflict()
    {
        Assert.That(() => BeamlineConfig.Parse("""
            - class: keithley
              name: k1
              serial: {url: run/k}
            - class: keithley
              name: k2
              serial: {url: ./run/k}
            """, "/b/p.yaml"), Throws.TypeOf<ConfigException>().With.Message.Contains("tty /b/run/k is used by both 'k1'"));
    }

    [Test]
    public void Rewriting_values_keeps_comments_and_lines()
    {
        var config = BeamlineConfig.Parse("# head\n- class: elmo  # the drive\n  name: a\n  udp: {url: 127.0.0.1:5001}   # port\n", "r.yaml");
        var url = config.Addresses().Single().Url;
        var text = config.Rewrite([(url, "127.0.0.1:40123")]);
        Assert.That(text, Is.EqualTo("# head\n- class: elmo  # the drive\n  name: a\n  udp: {url: \"127.0.0.1:40123\"}   # port\n"));
        Assert.That(BeamlineConfig.Parse(text, "r.yaml").Addresses().Single().Address.Port, Is.EqualTo(40123));
    }
}
