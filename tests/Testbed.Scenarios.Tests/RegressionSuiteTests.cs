using Testbed.Scenarios.Loading;
using Testbed.Scenarios.Running;
using Testbed.Scenarios.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scenarios.Tests;

/// <summary>The regression suite of scenarios/regression, each scenario one test at its own (CI) clock rate, as <c>testbed run</c> runs it.</summary>
[NonParallelizable]
public sealed class RegressionSuiteTests
{
    [TestCaseSource(typeof(Repository), nameof(Repository.RegressionFiles))]
    public async Task Scenario_passes(string file)
    {
        if (ExternalTool.Find("redis-server") is null) Assert.Ignore("redis-server is not installed (apt-get install redis-server)");
        using var reports = new TempDirectory("scenario-report");
        var scenario = ScenarioFile.Load(Path.Combine(Repository.Regression, file));
        var result = await ScenarioRunner.RunAsync(scenario, new ScenarioRunOptions { ReportDirectory = reports.Path });
        if (!result.Passed && result.Report is { } md)
        {
            // The report and its pictures are what a CI maintainer reads: keep them as test artifacts.
            TestContext.AddTestAttachment(md);
            TestContext.Out.WriteLine(File.ReadAllText(md));
        }
        Assert.That(result.Outcome, Is.EqualTo(ScenarioOutcome.Passed), result.Reason);
        Assert.That(result.Checks, Is.Not.Empty, "a regression scenario asserts something");
    }
}
