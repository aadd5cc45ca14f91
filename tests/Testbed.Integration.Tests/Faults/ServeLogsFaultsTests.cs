using Testbed.Integration.Tests.Cli;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Faults;

/// <summary><c>testbed twin serve</c> with declared faults: the log says what was armed, when each fired and cleared (twin time);
/// a mistake in the list stops it before anything is served, naming file, line and key.</summary>
public class ServeLogsFaultsTests
{
    private const string Drive = """
        - class: elmo
          name: a_ctrl
          udp: {url: 127.0.0.1:0}
          axes: [{name: a, steps_per_unit: 100, velocity: 1, acceleration: 2}]
        - class: faults
          faults:

        """;

    [Test]
    public void Declared_faults_are_logged_armed_fired_and_cleared_in_twin_time()
    {
        using var dir = new TempDirectory("serve-faults");
        var yaml = dir.File("beamline.yaml");
        File.WriteAllText(yaml, Drive + "    - {type: drop, target: a, at: 1, for: 0.5, percent: 100}\n");
        using var serve = TestbedProcess.Start("twin", "serve", yaml);
        Assert.That(serve.WaitForOutput("fault drop-1 cleared at", TimeSpan.FromSeconds(30)), Is.True, serve.Output);
        // At rate 1 the twin clock follows the wall: a timer runs a little after its instant, and the log says when it really acted.
        var fired = Seconds(serve.Output, @"fault drop-1 fired at (\d+\.\d{3}) s: drop-1 \(Drop on a_ctrl axis a at 1 s for 0\.5 s\)");
        var cleared = Seconds(serve.Output, @"fault drop-1 cleared at (\d+\.\d{3}) s");
        Assert.That(fired, Is.GreaterThanOrEqualTo(1.0), serve.Output);
        Assert.That(cleared - fired, Is.GreaterThanOrEqualTo(0.5 - 1e-9), serve.Output);
        serve.Interrupt();
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public void A_bad_fault_exits_2_naming_file_line_and_key()
    {
        using var dir = new TempDirectory("serve-faults");
        var yaml = dir.File("beamline.yaml");
        File.WriteAllText(yaml, Drive + "    - {type: stall, target: a, at: 1, persent: 5}\n");
        using var serve = TestbedProcess.Start("twin", "serve", yaml);
        Assert.That(serve.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(serve.ExitCode, Is.EqualTo(2), serve.Output);
        Assert.That(serve.Output, Does.Contain("beamline.yaml:7:").And.Contain("key 'faults[0].persent': unknown key"));
    }

    private static double Seconds(string output, string pattern)
    {
        var m = System.Text.RegularExpressions.Regex.Match(output, pattern);
        Assert.That(m.Success, Is.True, $"no line matching {pattern} in:\n{output}");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
