using Testbed.Beamline;
using Testbed.Scenarios.Loading;
using Testbed.Scenarios.Model;
using Testbed.Scenarios.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scenarios.Tests;

/// <summary>Loading a scenario: what a user writes becomes steps and assertions; every mistake is one line naming file:line and the key.</summary>
public sealed class ScenarioFileTests
{
    private static Scenario Parse(TempDirectory dir, string yaml)
    {
        var path = dir.File("s.yaml");
        File.WriteAllText(path, yaml.Replace("BEAMLINE", Repository.DemoBeamline, StringComparison.Ordinal));
        return ScenarioFile.Load(path);
    }

    private static ConfigException Refused(string yaml)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<ConfigException>(() => Parse(dir, yaml))!;
    }

    private const string Minimal = "scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - wait: 1\n";

    [Test]
    public void Reads_steps_faults_and_assertions_with_their_defaults()
    {
        using var dir = new TempDirectory();
        var s = Parse(dir, """
            scenario: 1
            beamline: BEAMLINE
            rate: 25
            faults:
              - {name: loss, type: drop, target: tx_ctrl, percent: 20}
            steps:
              - scan: line_scan tx -1 1 11 0.01
                during:
                  - {after_points: 3, queue: pause}
                  - wait: 0.5
                  - {queue: resume}
              - move: {tx: 0.3}
              - set: {device: tx, forward_limit: true}
            assertions:
              - {scan: scan1, status: closed, end_reason: SUCCESS}
              - points: {scan: scan1, count: 11}
              - fault_fired: {name: loss}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(s.Name, Is.EqualTo("s"), "the file name when name: is absent");
            Assert.That(s.Rate, Is.EqualTo(25));
            Assert.That(s.Targets, Is.EqualTo(new[] { ScenarioTarget.Twin }));
            Assert.That(s.Faults.Single().Name, Is.EqualTo("loss"));
            var scan = (ScanStep)s.Steps[0];
            Assert.That(scan.Name, Is.EqualTo("scan1"));
            Assert.That(scan.Request.ScanType, Is.EqualTo("line_scan"));
            Assert.That(scan.During.Select(d => d.AfterPoints), Is.EqualTo(new int?[] { 3, null, null }));
            Assert.That(((StateStep)s.Steps[2]).Device, Is.EqualTo("tx_ctrl"), "an axis name stands for its drive's controller");
            Assert.That(s.Steps[2].TwinOnly, Is.True);
            Assert.That(s.Checks, Has.Count.EqualTo(3));
        });
    }

    [TestCase("scenario: 1\nbeamline: BEAMLINE\nstep:\n  - wait: 1\n", "s.yaml:3:1: key 'step': unknown key; did you mean 'steps'?")]
    [TestCase("scenario: 2\nbeamline: BEAMLINE\nsteps:\n  - wait: 1\n", "s.yaml:1:11: key 'scenario': format version 2 is not known; this testbed reads scenario: 1")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - wiat: 1\n", "s.yaml:4:5: key 'steps[0].wiat': unknown key; did you mean 'wait'?")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - scan: line_scan tz 0 1 5 0.1\n", "s.yaml:4:11: key 'steps[0].scan': no axis 'tz' in")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - {wait: 1, after_points: 3}\n", "key 'steps[0].after_points': after_points: waits for a running scan's points; use it in a scan's during: list")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - {wait: 1, move: {tx: 1}}\n", "one action per step, and this one has wait and move; split it into 2 steps")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - fault: {type: drop, target: tx_ctrl, percent: 150}\n", "key 'steps[0].fault.percent': 150 is outside 0…100")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - scan: line_scan tx 0 1 5 0.1\nassertions:\n  - points: {scan: scna1, count: 5}\n",
        "s.yaml:6:20: key 'assertions[0].points.scan': no scan 'scna1' in the steps (did you mean 'scan1'?); scans: scan1")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - wait: 1\nassertions:\n  - fault_fired: {name: nope}\n", "no fault 'nope' in the timeline or the steps")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nsteps:\n  - wait: 1\nassertions:\n  - {scan: scan1, refused: x, status: closed}\n", "no scan 'scan1' in the steps")]
    [TestCase("scenario: 1\nbeamline: nowhere.yaml\nsteps:\n  - wait: 1\n", "key 'beamline': no beamline file at")]
    [TestCase("scenario: 1\nbeamline: BEAMLINE\nrate: 0\nsteps:\n  - wait: 1\n", "key 'rate': 0 is outside 0.01…10000")]
    public void A_mistake_is_one_line_naming_file_line_and_key(string yaml, string expected)
    {
        var e = Refused(yaml);
        Assert.That(e.Message, Does.Contain(expected));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void An_empty_file_says_what_a_scenario_needs() =>
        Assert.That(Refused("").Message, Does.Contain("a scenario needs at least scenario: 1, beamline: and steps:"));

    [Test]
    public void A_minimal_scenario_needs_no_assertions() =>
        Assert.That(() => { using var d = new TempDirectory(); return Parse(d, Minimal); }, Throws.Nothing);

    [Test]
    public void Every_regression_scenario_loads()
    {
        var files = Suite.ScenarioSuite.Files(Repository.Regression);
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(12), "the regression suite holds at least 12 scenarios");
        foreach (var f in files) Assert.That(() => ScenarioFile.Load(f), Throws.Nothing, f);
    }
}
