using Testbed.Scenarios.Loading;
using Testbed.Scenarios.Running;
using Testbed.Scenarios.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scenarios.Tests;

/// <summary>The same scenario in real time (rate 1) and at its CI rate gives byte-identical blissdata streams and detector pixels.</summary>
[NonParallelizable]
public sealed class DeterminismTests
{
    [TestCase("knife_edge.yaml")]
    [TestCase("mesh.yaml")]
    [TestCase("detector_burst.yaml")]
    public async Task Streams_and_pixels_are_identical_at_1x_and_at_the_CI_rate(string file)
    {
        if (ExternalTool.Find("redis-server") is null) Assert.Ignore("redis-server is not installed (apt-get install redis-server)");
        var scenario = ScenarioFile.Load(Path.Combine(Repository.Regression, file));
        Assert.That(scenario.Rate, Is.GreaterThanOrEqualTo(10), "the CI rate is well above real time");
        var fast = await ScenarioRunner.RunAsync(scenario, new ScenarioRunOptions());
        var real = await ScenarioRunner.RunAsync(scenario, new ScenarioRunOptions { Rate = 1 });
        Assert.That(fast.Passed, fast.Reason);
        Assert.That(real.Passed, real.Reason);
        Assert.That(fast.Digests, Is.Not.Empty, "the scenario has a golden assertion, so its digests are taken");
        foreach (var (scan, digest) in fast.Digests)
        {
            Assert.That(digest.Streams.Keys, Does.Contain("axis:tx").Or.Contain("axis:ty"), "a motor stream is compared");
            Assert.That(real.Digests[scan].Streams, Is.EqualTo(digest.Streams), $"scan {scan} at rate 1 vs rate {scenario.Rate}");
        }
        Assert.That(real.Virtual.TotalSeconds / real.Wall.TotalSeconds, Is.LessThan(2), "the rate-1 run really ran in real time");
    }
}
