using System.Xml.Linq;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary><c>testbed run</c> as CI calls it: a folder of scenarios, JUnit XML, a Markdown report per scenario, exit 1 when one fails.</summary>
public class RunCommandTests
{
    private static string DemoBeamline => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "scenarios", "beamlines", "demo.yaml"));

    [Test]
    public void A_folder_with_one_failing_scenario_exits_1_with_junit_and_reports()
    {
        if (ExternalTool.Find("redis-server") is null) Assert.Ignore("redis-server is not installed (Debian package redis-server)");
        using var dir = new TempDirectory("run-command");
        var suite = Directory.CreateDirectory(dir.File("suite")).FullName;
        File.WriteAllText(Path.Combine(suite, "good.yaml"), $"scenario: 1\nbeamline: {DemoBeamline}\nrate: 50\nsteps:\n  - scan: line_scan tx 0 0.4 5 0.01\n" +
            "assertions:\n  - points: {scan: scan1, count: 5}\n");
        File.WriteAllText(Path.Combine(suite, "bad.yaml"), $"scenario: 1\nbeamline: {DemoBeamline}\nrate: 50\nsteps:\n  - move: {{tx: 0.2}}\n" +
            "assertions:\n  - position: {axis: tx, equals: 0.9, within: 0.01}\n");
        using var run = TestbedProcess.Start("run", suite, "--junit", dir.File("junit.xml"), "--report", dir.File("reports"), "--parallel", "2");
        Assert.That(run.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, run.Output);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain("1 passed, 1 failed, 0 skipped"));
        Assert.That(run.Output, Does.Contain("FAILED bad: ").And.Contain("bad.yaml:7:5: tx at 0.9 ± 0.01: tx at 0.2"));
        var cases = XDocument.Load(dir.File("junit.xml")).Descendants("testcase").ToList();
        Assert.That(cases.Select(c => (string)c.Attribute("name")!), Is.EquivalentTo(new[] { "good", "bad" }));
        Assert.That(cases.Single(c => (string)c.Attribute("name")! == "bad").Element("failure"), Is.Not.Null);
        Assert.That(File.Exists(dir.File("reports/good.md")) && File.Exists(dir.File("reports/bad.md")), run.Output);
    }

    [Test]
    public void A_path_that_is_not_there_is_one_line_and_exit_2()
    {
        using var run = TestbedProcess.Start("run", "/nonexistent/scenarios");
        Assert.That(run.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, run.Output);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
        Assert.That(run.Output.Trim(), Does.Contain("/nonexistent/scenarios: no such file or folder; give a scenario file or a folder of them"));
        Assert.That(run.Output, Does.Not.Contain("   at "));
    }
}
