using System.Xml.Linq;
using Testbed.Scenarios.Loading;
using Testbed.Scenarios.Reports;
using Testbed.Scenarios.Running;
using Testbed.Scenarios.Suite;
using Testbed.Scenarios.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scenarios.Tests;

/// <summary>What a CI maintainer reads when a scenario breaks: JUnit XML naming the failed assertion, the Markdown report with plots,
/// the timeline and the wire transcripts of the devices involved.</summary>
public sealed class ReportTests
{
    [Test]
    public async Task A_failing_scenario_reports_its_assertion_with_plots_timeline_and_transcripts()
    {
        if (ExternalTool.Find("redis-server") is null) Assert.Ignore("redis-server is not installed (apt-get install redis-server)");
        using var dir = new TempDirectory("scenario-report");
        var path = dir.File("wrong_peak.yaml");
        // The sample's peak is at 0.3: asserting it at 0.6 must fail, and say what was found.
        File.WriteAllText(path, $"""
            scenario: 1
            name: wrong peak
            beamline: {Repository.DemoBeamline}
            rate: 50
            faults:
              - {"{"}name: loss, type: drop, target: tx_ctrl, at: 1000, percent: 5{"}"}
            steps:
              - scan: line_scan tx 0 0.6 9 0.01
            assertions:
              - fit: {"{"}scan: scan1, channel: diode, shape: centroid, centre: 0.6, within: 0.01{"}"}
              - points: {"{"}scan: scan1, count: 9{"}"}
            """);
        var entries = await ScenarioSuite.RunAsync([path], new ScenarioRunOptions { ReportDirectory = dir.File("reports") }, 1, null, null, CancellationToken.None);
        var run = entries.Single().Run!;
        Assert.That(run.Outcome, Is.EqualTo(ScenarioOutcome.Failed));
        Assert.That(run.Reason, Does.StartWith($"{path}:10:5: scan scan1: centroid of diode centred at 0.6").And.Contains("centre 0.3"));
        Assert.That(run.Checks.Select(c => c.Verdict), Is.EqualTo(new[] { CheckVerdict.Failed, CheckVerdict.Passed }));

        var md = File.ReadAllText(run.Report!);
        Assert.That(md, Does.Contain("# wrong peak: FAILED").And.Contains("| ❌ |").And.Contains("scan scan1: line_scan tx 0 0.6 9 0.01"));
        Assert.That(md, Does.Contain("loss armed"), "the fault timeline as it fired (armed, never fired here)");
        Assert.That(md, Does.Contain("### tx_ctrl").And.Contains("PX\\r"), "the wire transcript of the drive the scan moved");
        var png = Path.Combine(dir.File("reports"), "wrong_peak", "scan1_counters.png");
        Assert.That(File.ReadAllBytes(png).Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
        Assert.That(File.Exists(Path.Combine(dir.File("reports"), "wrong_peak", "scan1_frame.png")), "a detector-frame thumbnail");

        // Run again into the same folder: the report and its pictures are replaced, not lost to the "never write over" rule of the export.
        var again = (await ScenarioSuite.RunAsync([path], new ScenarioRunOptions { ReportDirectory = dir.File("reports") }, 1, null, null, CancellationToken.None)).Single().Run!;
        Assert.That(again.Scans["scan1"].Pictures.Select(p => p.Path), Does.Contain(png));
        Assert.That(again.Log.Select(l => l.Text), Has.None.Contains("no picture"));

        var junit = dir.File("junit.xml");
        JUnitReport.Write(junit, entries);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.That((int)suite.Attribute("failures")!, Is.EqualTo(1));
        var failure = suite.Element("testcase")!.Element("failure")!;
        Assert.That((string)failure.Attribute("message")!, Is.EqualTo(run.Reason));
        Assert.That(failure.Value, Does.Contain("report: "));
    }

    [Test]
    public async Task A_scenario_for_hardware_only_is_skipped_on_the_twin_with_why()
    {
        using var dir = new TempDirectory();
        var path = dir.File("hw.yaml");
        File.WriteAllText(path, $"scenario: 1\nbeamline: {Repository.DemoBeamline}\ntargets: [hardware]\nsteps:\n  - wait: 1\n");
        var result = await ScenarioRunner.RunAsync(ScenarioFile.Load(path), new ScenarioRunOptions());
        Assert.That(result.Outcome, Is.EqualTo(ScenarioOutcome.Skipped));
        Assert.That(result.Reason, Is.EqualTo("not for twin: the scenario runs on hardware"));
    }

    [Test]
    public async Task A_file_that_does_not_load_fails_in_the_suite_with_its_error()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.yaml");
        File.WriteAllText(path, "scenario: 1\nbeamline: x.yaml\nsteps: []\n");
        var entries = await ScenarioSuite.RunAsync([path], new ScenarioRunOptions(), 1, null, null, CancellationToken.None);
        Assert.That(entries.Single().Outcome, Is.EqualTo(ScenarioOutcome.Failed));
        Assert.That(entries.Single().Reason, Does.Contain("bad.yaml:2:11: key 'beamline': no beamline file at"));
    }
}
