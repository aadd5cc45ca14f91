using System.Text.RegularExpressions;
using Testbed.Bench.Results;
using Testbed.Bench.Running;
using Testbed.Bench.Scan;
using Testbed.TestSupport;

namespace Testbed.Bench.Tests;

/// <summary>A tiny run of <c>testbed bench scan</c> (the whole stack on a private redis-server): the three cases measured, the stack's
/// against its raw XADD reference, each with a verdict, and the per-point split in the notes.</summary>
[NonParallelizable] // the whole stack on two shared cores: alone, or its timeouts measure the neighbours
public class ScanBenchmarkTests
{
    private sealed class Notes : IBenchProgress
    {
        public List<string> Lines { get; } = [];

        public void Note(string text) => Lines.Add(text);
    }

    [Test]
    public async Task A_tiny_run_reports_points_per_second_against_raw_xadds_and_splits_each_point()
    {
        ExternalTool.Require("redis-server", "redis-server");
        var notes = new Notes();
        var report = await new ScanBenchmark().RunAsync(new ScanBenchSettings { Points = 5, Repeat = 1 }, notes, CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(3));

        Assert.That(report.Results.Select(r => r.Name), Is.EqualTo(new[]
        {
            "(a) line scan through the stack, points loop",
            "(b) line scan through the stack, whole request",
            "(c) drivers alone, no Redis (the stack's ceiling)",
        }));
        foreach (var r in report.Results)
        {
            Assert.That(r.Unit, Is.EqualTo("pts/s"), r.Name);
            Assert.That(r.Value.Median, Is.GreaterThan(0).And.LessThan(1e7), r.Name);
            Assert.That(r.Value.Count, Is.EqualTo(1), r.Name);
            Assert.That(r.Target.Text, Is.EqualTo("≥ 1000 pts/s"), r.Name);
            Assert.That(r.Verdict, Is.EqualTo(r.Value.Median >= 1000 ? Verdict.Met : Verdict.NotMet), r.Name);
        }
        Assert.That(report.Results[0].Reference?.Median, Is.GreaterThan(0), "the raw XADDs of the same points");
        Assert.That(report.Results[2].Reference, Is.Null, "the drivers alone are a ceiling, not judged against a reference");
        Assert.That(notes.Lines, Has.Some.StartsWith("run 1/1: stack "));

        var split = report.Notes.Single(n => n.StartsWith("per point through the stack", StringComparison.Ordinal));
        foreach (var part in new[] { "period", "move", "read", "publish", "other" })
            Assert.That(Number(split, part), Is.GreaterThan(0), $"{part} in: {split}");
        Assert.That(split, Does.Contain("trigger 0 µs (no device of this beamline is software-triggered"));
        var direct = report.Notes.Single(n => n.StartsWith("per point with the drivers alone", StringComparison.Ordinal));
        Assert.That(Number(direct, "move"), Is.GreaterThan(0), direct);
        Assert.That(Number(direct, "read"), Is.GreaterThan(0), direct);
        var publishing = report.Notes.Single(n => n.StartsWith("publishing a point alone", StringComparison.Ordinal));
        Assert.That(Number(publishing, "takes"), Is.GreaterThan(0), publishing);
        Assert.That(report.Machine.Cores, Is.GreaterThan(0));
    }

    /// <summary>The number after "<paramref name="part"/> " in a note ("move 1,234 µs" → 1234).</summary>
    private static double Number(string note, string part)
    {
        var m = Regex.Match(note, $@"\b{part} ([0-9.,]+) µs");
        Assert.That(m.Success, Is.True, $"no '{part} … µs' in: {note}");
        return double.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
