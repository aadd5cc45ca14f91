using System.Text.RegularExpressions;

namespace Testbed.Integration.Tests.Cli;

/// <summary><c>testbed bench …</c> through the real command: options checked before anything runs, and a run that ends in one verdict line per case.</summary>
public partial class BenchCommandTests
{
    [TestCase(new[] { "bench", "elmo", "--repeat", "0" }, "testbed bench elmo: --repeat 0: must be at least 1")]
    [TestCase(new[] { "bench", "serial", "--seconds", "0" }, "testbed bench serial: --seconds 0: must be a positive number")]
    [TestCase(new[] { "bench", "detector", "--frames", "abc" }, "testbed bench detector: --frames 'abc' is not a whole number")]
    [TestCase(new[] { "bench", "blissdata", "--redis", "http://localhost:6379" }, "testbed bench blissdata: --redis: 'http://localhost:6379' is not a Redis address")]
    public void Refused_bench_options_get_one_line_and_exit_status_2(string[] args, string expected)
    {
        using var p = TestbedProcess.Start(args);
        Assert.That(p.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, p.Output);
        Assert.That(p.ExitCode, Is.EqualTo(2), p.Output);
        var lines = p.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), p.Output);
        Assert.That(lines[0], Does.StartWith(expected), p.Output);
    }

    [Test]
    public void A_run_tells_the_machine_load_and_a_verdict_per_case_and_exits_0_met_or_not()
    {
        // The numbers are not judged here (performance is measured, not asserted): only what the command reports.
        using var p = TestbedProcess.Start("bench", "elmo", "--seconds", "0.25", "--repeat", "2");
        Assert.That(p.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, p.Output);
        Assert.That(p.ExitCode, Is.EqualTo(0), p.Output);
        var lines = p.Output.Split('\n');
        Assert.That(lines.Count(l => MachineLine().IsMatch(l)), Is.EqualTo(1), p.Output);
        foreach (var name in new[] { "twin throughput", "twin p99 round trip" })
            Assert.That(lines.Count(l => (l.StartsWith("MET ", StringComparison.Ordinal) || l.StartsWith("NOT MET ", StringComparison.Ordinal))
                                         && l.Contains($" {name}: median ", StringComparison.Ordinal) && l.Contains(" over 2 runs); target ", StringComparison.Ordinal)),
                Is.EqualTo(1), p.Output);
    }

    [GeneratedRegex(@"^machine: \d+ cores, 1-min load (\d+\.\d+|unknown) at start, (\d+\.\d+|unknown) at end, \d{4}-\d\d-\d\d \d\d:\d\d UTC$")]
    private static partial Regex MachineLine();
}
