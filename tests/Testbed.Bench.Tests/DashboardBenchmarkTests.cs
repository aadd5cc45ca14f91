using Testbed.Bench.Running;
using Testbed.Bench.Dashboard;
using Testbed.TestSupport;

namespace Testbed.Bench.Tests;

/// <summary>A short run of <c>testbed bench dashboard</c>: both cases measured against the raw reference, with a verdict.</summary>
public class DashboardBenchmarkTests
{
    private sealed class Notes : IBenchProgress
    {
        public List<string> Lines { get; } = [];

        public void Note(string text) => Lines.Add(text);
    }

    [Test]
    public async Task A_short_run_reports_median_and_p95_latency_with_a_reference()
    {
        var redis = await RedisTestServer.RequireAsync();
        await using var db = await redis.NewDatabaseAsync();
        var notes = new Notes();
        var report = await new DashboardBenchmark().RunAsync(new DashboardSettings { Redis = db.Url, Points = 10, Repeat = 1 }, notes, CancellationToken.None);
        Assert.That(report.Results.Select(r => r.Name), Is.EqualTo(new[] { "XADD → SSE client, median", "XADD → SSE client, p95" }));
        foreach (var r in report.Results)
        {
            Assert.That(r.Value.Median, Is.GreaterThan(0).And.LessThan(10_000), r.Name);
            Assert.That(r.Reference, Is.Not.Null, r.Name);
            Assert.That(r.Unit, Is.EqualTo("ms"));
        }
        Assert.That(notes.Lines, Has.Some.StartsWith("run 1/1"));
    }
}
