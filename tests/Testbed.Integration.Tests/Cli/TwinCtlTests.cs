using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

public class TwinCtlTests
{
    private const string Beamline = """
        - class: elmo
          name: a_ctrl
          udp: {url: 127.0.0.1:0}
          axes: [{name: a, steps_per_unit: 100, velocity: 1, acceleration: 2}]
        """;

    [Test]
    public void Ctl_sets_a_position_the_wire_then_reports_and_drives_the_clock_of_a_served_twin()
    {
        using var dir = new TempDirectory("ctl");
        var yaml = dir.File("beamline.yaml");
        File.WriteAllText(yaml, Beamline);
        using var serve = TestbedProcess.Start("twin", "serve", yaml, "--ports", "free");
        Assert.That(serve.WaitForOutput("twin ready", TimeSpan.FromSeconds(30)), Is.True, serve.Output);
        var url = Regex.Match(serve.Output, @"control API at (http://127\.0\.0\.1:\d+)").Groups[1].Value;
        Assert.That(url, Is.Not.Empty, serve.Output);
        var controlFile = Directory.GetFiles(Path.Combine(dir.Path, "run"), "*.control").Single();
        Assert.That(File.ReadAllText(controlFile).Trim(), Is.EqualTo(url), "the URL is written beside the resolved file");
        Assert.That(File.ReadAllText(Path.ChangeExtension(controlFile, ".yaml")), Does.Contain($"# control API: {url}"));

        var (code, output) = Ctl(url, "set", "a_ctrl", "user_position", "12.5");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"position\s+1250\b"));
        Assert.That(Px(serve.LoggedPort("a_ctrl")), Is.EqualTo("PX\r1250;"), "the drive answers the position set");

        (code, output) = Ctl(controlFile, "devices");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("a_ctrl").And.Contain("axis").And.Contain("udp://127.0.0.1:"), "the .control file serves as the URL");

        (code, output) = Ctl(url, "clock", "pause");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("paused"));
        (code, output) = Ctl(url, "--json", "clock", "step", "2.5");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("\"paused\": true"));

        (code, output) = Ctl(url, "metrics");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"a_ctrl\s+axis\s+[1-9]"), "the PX datagram is counted");

        (code, output) = Ctl(url, "get", "b_ctrl");
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output.Trim(), Is.EqualTo("testbed twin ctl get: no device 'b_ctrl'; devices: a_ctrl"), "one line naming the known devices");

        serve.Interrupt();
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(15)), Is.True);
        Assert.That(File.Exists(controlFile), Is.False, "a stopped twin leaves no stale URL");
        (code, output) = Ctl(url, "devices");
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("cannot reach the twin's control API"));
    }

    [Test]
    public void Ctl_faults_injects_a_drop_the_wire_then_loses_lists_it_and_clears_it()
    {
        using var dir = new TempDirectory("ctl-faults");
        var yaml = dir.File("beamline.yaml");
        File.WriteAllText(yaml, Beamline);
        using var serve = TestbedProcess.Start("twin", "serve", yaml, "--ports", "free", "--transcript", "200");
        Assert.That(serve.WaitForOutput("twin ready", TimeSpan.FromSeconds(30)), Is.True, serve.Output);
        var url = Regex.Match(serve.Output, @"control API at (http://127\.0\.0\.1:\d+)").Groups[1].Value;
        var port = serve.LoggedPort("a_ctrl");

        var (code, output) = Ctl(url, "faults", "inject", "drop", "a", "name=cut");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.StartWith("cut: active, fired at "), "the axis stands for its drive; no start fires it now");
        Assert.That(Px(port, attempts: 1), Is.EqualTo("(no reply)"), "the drop loses the datagram");
        (code, output) = Ctl(url, "faults");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"cut\s+drop\s+a\s+at [\d.]+ s\s+until cleared\s+active"));

        (code, output) = Ctl(url, "faults", "inject", "drop", "a_ctrl", "percent=150");
        Assert.That((code, output.Trim()), Is.EqualTo((2, "testbed twin ctl faults inject: key 'percent': 150 is outside 0…100")));
        (code, output) = Ctl(url, "faults", "clear", "cat");
        Assert.That((code, output.Trim()), Is.EqualTo((2, "testbed twin ctl faults clear: no fault 'cat'; faults: cut")));

        (code, output) = Ctl(url, "faults", "clear", "cut");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.StartWith("cut: cleared, fired at "));
        Assert.That(Px(port), Is.EqualTo("PX\r0;"), "answered again once cleared");

        (code, output) = Ctl(url, "transcript", "a", "--last", "2");
        Assert.That(code, Is.Zero, output);
        var lines = output.Trim().Split('\n');
        Assert.That(lines[0], Does.StartWith("a_ctrl (udp://127.0.0.1:").And.Contain("last 2 of "), "the axis names its drive");
        Assert.That(lines[^1], Does.Contain("PX\\r  →  PX\\r0;"), "the newest exchange last");
        Assert.That(output, Does.Contain("dropped by fault 'cut'"), "the transcript says which fault lost the datagram");
        (code, output) = Ctl(url, "transcript");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"a_ctrl\s+udp://127\.0\.0\.1:\d+\s+\d+\s+200\b"), "twin serve --transcript 200 sets what each endpoint keeps");
        (code, output) = Ctl(url, "transcript", "a_ctrl", "--keep", "500");
        Assert.That((code, output.Trim()), Is.EqualTo((0, $"a_ctrl (udp://127.0.0.1:{port}) keeps the last 500 exchanges ({CountOf(lines[0])} recorded)")));
        serve.Interrupt();
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public void Serve_refuses_a_control_API_off_loopback_without_a_token()
    {
        using var dir = new TempDirectory("ctl-token");
        var yaml = dir.File("beamline.yaml");
        File.WriteAllText(yaml, Beamline);
        using var serve = TestbedProcess.Start("twin", "serve", yaml, "--control", "0.0.0.0:0");
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(serve.ExitCode, Is.EqualTo(2), serve.Output);
        Assert.That(serve.Output, Does.Contain("--control-token").And.Not.Contain("twin ready"), "refused before anything starts");
    }

    private static string CountOf(string header) => Regex.Match(header, @"last \d+ of (\d+) exchanges").Groups[1].Value;

    private static (int Code, string Output) Ctl(params string[] args)
    {
        using var ctl = TestbedProcess.Start(["twin", "ctl", .. args]);
        Assert.That(ctl.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, ctl.Output);
        return (ctl.ExitCode, ctl.Output);
    }

    private static string Px(int port, int attempts = 3)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        udp.Connect(IPAddress.Loopback, port);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            udp.Send("PX\r"u8.ToArray());
            if (!udp.Client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead)) continue;
            IPEndPoint? from = null;
            return Encoding.ASCII.GetString(udp.Receive(ref from));
        }
        return "(no reply)";
    }
}
