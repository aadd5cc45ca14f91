using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

public class DemoCommandTests
{
    [Test]
    public void Demo_scans_the_first_axis_through_every_point_against_its_own_twin()
    {
        using var dir = new TempDirectory("demo");
        // The demo's own twin binds free ports whatever the file says, so nothing can be taken from under it.
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", Beamline(dir, 5001, 5002), "--from", "-2", "--to", "2", "--points", "5", "--rate", "10");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        var rows = demo.Output.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split('\t')).ToList();
        Assert.That(rows.Select(r => r[1]), Is.EqualTo(new[] { "-2.0000", "-1.0000", "0.0000", "1.0000", "2.0000" }), demo.Output);
        Assert.That(rows.Select(r => r[2]).Distinct(), Is.EqualTo(new[] { "0.0000" }), "the other axis is read, not moved");
        Assert.That(demo.Output, Does.Contain("scan done: 5 points"));
    }

    [Test]
    public void Demo_without_twin_and_nothing_listening_fails_with_a_clear_error()
    {
        using var dir = new TempDirectory("demo-none");
        // Nothing may listen on these ports for the whole test: they are held closed, not just probed.
        using var m = FreePort.Closed(System.Net.Sockets.ProtocolType.Udp);
        using var n = FreePort.Closed(System.Net.Sockets.ProtocolType.Udp);
        var yaml = Beamline(dir, m.Port, n.Port);
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--no-twin");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.EqualTo(1), demo.Output);
        Assert.That(demo.Output, Does.Contain("udp://127.0.0.1:"), demo.Output);
    }

    private static string Beamline(TempDirectory dir, int p1, int p2)
    {
        var path = dir.File("beamline.yaml");
        File.WriteAllText(path, $"""
            - class: elmo
              name: m_ctrl
              udp: {"{"}url: 127.0.0.1:{p1}, timeout: 2{"}"}
              axes: [{"{"}name: m, steps_per_unit: 1000, velocity: 5, acceleration: 50{"}"}]
            - class: elmo
              name: n_ctrl
              udp: {"{"}url: 127.0.0.1:{p2}, timeout: 2{"}"}
              axes: [{"{"}name: n, steps_per_unit: 1000, velocity: 5, acceleration: 50{"}"}]
            """);
        return path;
    }
}
