using System.Net;
using System.Net.Sockets;
using System.Text;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

public class TwinServeTests
{
    [Test]
    public void Serve_answers_PX_as_the_spec_says_and_stops_cleanly_on_ctrl_c()
    {
        using var dir = new TempDirectory("serve");
        // Port 0: each drive binds a free port itself and the log says which (no probed port to lose in between).
        var yaml = dir.File("beamline.yaml");
        File.WriteAllText(yaml, """
            - class: elmo
              name: a_ctrl
              udp: {url: 127.0.0.1:0}
              axes: [{name: a, steps_per_unit: 100, velocity: 1, acceleration: 2}]
            - class: elmo
              name: b_ctrl
              udp: {url: 127.0.0.1:0}
              axes: [{name: b, steps_per_unit: 100, velocity: 1, acceleration: 2}]
            """);
        using var serve = TestbedProcess.Start("twin", "serve", yaml);
        Assert.That(serve.WaitForOutput("twin ready", TimeSpan.FromSeconds(30)), Is.True, serve.Output);
        int p1 = serve.LoggedPort("a_ctrl"), p2 = serve.LoggedPort("b_ctrl");
        Assert.That(new[] { p1, p2 }, Has.All.GreaterThan(0), "every endpoint is logged with the port it bound");
        Assert.That(p1, Is.Not.EqualTo(p2));

        foreach (var port in new[] { p1, p2 })
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            udp.Connect(IPAddress.Loopback, port);
            // The drive drops a reply it cannot send within its 45 ms deadline (a loaded machine, a first request's JIT);
            // like BLISS, the client tries again.
            (byte[] Data, IPEndPoint From)? reply = null;
            for (var attempt = 0; attempt < 3 && reply is null; attempt++)
            {
                udp.Send("PX\r"u8.ToArray());
                if (udp.Client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead))
                {
                    IPEndPoint? from = null;
                    reply = (udp.Receive(ref from), from!);
                }
            }
            Assert.That(reply, Is.Not.Null, $"no reply from udp://127.0.0.1:{port} in 3 attempts:\n{serve.Output}");
            Assert.That(Encoding.ASCII.GetString(reply!.Value.Data), Is.EqualTo("PX\r0;"));
            Assert.That(reply.Value.From.Port, Is.EqualTo(port), "the reply comes from the drive's own port");
        }

        serve.Interrupt();
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(15)), Is.True, "Ctrl-C stops the twin");
        Assert.That(serve.ExitCode, Is.Zero, serve.Output);
        Assert.That(serve.Output, Does.Contain("twin stopped"));
    }

    [Test]
    public void Serve_with_invalid_yaml_exits_2_naming_file_line_and_key()
    {
        using var dir = new TempDirectory("serve-bad");
        var yaml = dir.File("bad.yaml");
        File.WriteAllText(yaml, "- class: elmo\n  name: a\n  udp:\n    url: 127.0.0.1:notaport\n");
        using var serve = TestbedProcess.Start("twin", "serve", yaml);
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(serve.ExitCode, Is.EqualTo(2));
        Assert.That(serve.Output, Does.Contain($"{yaml}:4:").And.Contain("a.udp.url"), serve.Output);
    }
}
