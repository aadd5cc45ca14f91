using System.Net;
using System.Net.Sockets;
using System.Text;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>Two users on one host never drive each other's devices or write into each other's files.</summary>
public class TwoUsersTests
{
    [Test]
    public void Two_demos_of_one_beamline_file_run_at_the_same_time_and_both_succeed()
    {
        using var dir = new TempDirectory("two-demos");
        var yaml = DemoBeamline.Write(dir);
        using var a = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--points", "6", "--rate", "10");
        using var b = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--points", "6", "--rate", "10");
        Assert.That(a.WaitForExit(TimeSpan.FromSeconds(90)) && b.WaitForExit(TimeSpan.FromSeconds(90)), Is.True, a.Output + "\n---\n" + b.Output);
        Assert.That((a.ExitCode, b.ExitCode), Is.EqualTo((0, 0)), a.Output + "\n---\n" + b.Output);
        var files = new[] { a, b }.Select(p => p.Output.Split('\n').Single(l => l.StartsWith("det1: frames 0..5 in ", StringComparison.Ordinal))).ToList();
        Assert.That(files[0], Is.Not.EqualTo(files[1]), "each run writes into a folder of its own");
        Assert.That(Directory.EnumerateDirectories(Path.Combine(dir.Path, "data", "det1")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "scan0001", "scan0002" }));
    }

    [Test]
    public void A_demo_run_again_numbers_on_and_overwrites_nothing()
    {
        using var dir = new TempDirectory("demo-again");
        var yaml = DemoBeamline.Write(dir);
        for (var run = 1; run <= 2; run++)
        {
            using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--points", "2", "--rate", "10");
            Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
            Assert.That(demo.ExitCode, Is.Zero, demo.Output);
            Assert.That(demo.Output, Does.Contain(Path.Combine(dir.Path, "data", "det1", $"scan000{run}", "det1_0001.h5")));
        }
    }

    [Test]
    public void Twin_serve_on_free_ports_writes_a_resolved_file_that_a_demo_without_twin_uses()
    {
        using var dir = new TempDirectory("serve-free");
        var yaml = DemoBeamline.Write(dir);
        using var serve = TestbedProcess.Start("twin", "serve", yaml, "--ports", "free", "--rate", "10");
        Assert.That(serve.WaitForOutput("twin ready", TimeSpan.FromSeconds(30)), Is.True, serve.Output);
        var line = serve.Output.Split('\n').Single(l => l.Contains("resolved beamline file", StringComparison.Ordinal));
        var resolved = line[(line.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
        Assert.That(resolved, Does.StartWith(Path.Combine(dir.Path, "run")).And.EndWith(".yaml"));
        Assert.That(File.ReadAllText(resolved), Does.Not.Contain("url: 127.0.0.1:0").And.Not.Contain(":0\""), "every port as bound");

        using var demo = TestbedProcess.Start("demo", "--direct", "--no-twin", "--beamline", resolved, "--points", "3");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output + "\n---\n" + serve.Output);

        serve.Interrupt();
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(15)), Is.True, serve.Output);
        Assert.That(File.Exists(resolved), Is.False, "a stopped twin leaves no stale resolved file");
    }

    [Test]
    public void Twin_serve_with_an_offset_answers_on_the_shifted_port()
    {
        using var dir = new TempDirectory("serve-offset");
        var port = FreePort.Udp();
        var yaml = dir.File("b.yaml");
        File.WriteAllText(yaml, $"- class: elmo\n  name: m_ctrl\n  udp: {{url: 127.0.0.1:{port - 7}}}\n  axes: [{{name: m, steps_per_unit: 100, velocity: 1, acceleration: 2}}]\n");
        using var serve = TestbedProcess.Start("twin", "serve", yaml, "--ports", "offset:7");
        Assert.That(serve.WaitForOutput("twin ready", TimeSpan.FromSeconds(30)), Is.True, serve.Output);
        Assert.That(serve.Output, Does.Contain($"udp://127.0.0.1:{port}"));
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        udp.Client.ReceiveTimeout = 5000;
        udp.Send("PX\r"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, port));
        IPEndPoint? from = null;
        byte[] reply;
        try { reply = udp.Receive(ref from); }
        catch (SocketException e) { Assert.Fail($"no reply on port {port}: {e.Message}\n{serve.Output}"); return; }
        Assert.That(Encoding.ASCII.GetString(reply), Is.EqualTo("PX\r0;"));
    }

    [Test]
    public void Two_controllers_on_one_port_are_a_configuration_error_naming_both()
    {
        using var dir = new TempDirectory("one-port");
        var yaml = dir.File("b.yaml");
        File.WriteAllText(yaml, """
            - class: elmo
              name: a_ctrl
              udp: {url: 127.0.0.1:5001}
              axes: [{name: a, steps_per_unit: 100, velocity: 1, acceleration: 2}]
            - class: elmo
              name: b_ctrl
              udp: {url: 127.0.0.1:5001}
              axes: [{name: b, steps_per_unit: 100, velocity: 1, acceleration: 2}]
            """);
        foreach (var args in new[] { new[] { "twin", "serve", yaml }, new[] { "demo", "--beamline", yaml } })
        {
            using var p = TestbedProcess.Start(args);
            Assert.That(p.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, p.Output);
            Assert.That(p.ExitCode, Is.EqualTo(2), p.Output);
            Assert.That(p.Output, Does.Contain($"{yaml}:7:14: key 'b_ctrl.udp.url': udp port 5001 of 127.0.0.1 is used by both 'a_ctrl' ({yaml}:3:14) and 'b_ctrl'"));
            Assert.That(p.Output, Does.Not.Contain("twin serve running"));
        }
    }

    [Test]
    public void Twin_serve_and_demo_report_a_misspelt_bliss_key_the_same_way()
    {
        using var dir = new TempDirectory("typo");
        var yaml = dir.File("b.yaml");
        File.WriteAllText(yaml, $"- class: elmo\n  name: m_ctrl\n  udp: {{url: 127.0.0.1:{FreePort.Udp()}}}\n  axes: [{{name: m, step_per_unit: 100, velocity: 1, acceleration: 2}}]\n");
        var lines = new List<string>();
        foreach (var args in new[] { new[] { "twin", "serve", yaml }, new[] { "demo", "--beamline", yaml } })
        {
            using var p = TestbedProcess.Start(args);
            Assert.That(p.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, p.Output);
            Assert.That(p.ExitCode, Is.EqualTo(2), p.Output);
            lines.Add(p.Output.Split('\n').Single(l => l.Contains("step_per_unit", StringComparison.Ordinal)));
        }
        Assert.That(lines[0], Does.EndWith($"{yaml}:4:20: key 'm_ctrl.axes[0].step_per_unit': unknown key; did you mean 'steps_per_unit'?"));
        Assert.That(lines[1][lines[1].IndexOf(yaml, StringComparison.Ordinal)..], Is.EqualTo(lines[0][lines[0].IndexOf(yaml, StringComparison.Ordinal)..]));
    }
}
