using Spectre.Console;
using Testbed.Bench.Rendering;
using Testbed.Bench.Results;

namespace Testbed.Bench.Tests.Rendering;

public class BenchReportViewTests
{
    private static readonly MachineContext Machine = new(2, 16.02, 17.5, new DateTimeOffset(2026, 12, 1, 10, 31, 0, TimeSpan.Zero));

    private static readonly BenchResult PointByPoint = new("(a) publisher, point by point", "points/s", Target.RatioAtLeast(0.8),
        [new Measurement(19.9e6, 114e6), new Measurement(17e6, 100e6), new Measurement(22e6, 100e6)]);

    private static readonly BenchResult Blocks = new("(a) publisher, blocks of 1024", "points/s", Target.RatioAtLeast(0.8),
        [new Measurement(99e6, 100e6), new Measurement(95e6, 100e6), new Measurement(101e6, 100e6)]);

    private static string Render(BenchReport report)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 300;
        BenchReportView.Render(console, report);
        return writer.ToString();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries);

    [Test]
    public void A_target_not_met_gets_a_verdict_line_that_says_so_with_median_range_and_target()
    {
        var text = Render(new BenchReport("blissdata", "3 runs", Machine, [Blocks, PointByPoint], []));
        var line = Lines(text).Single(l => l.Contains("point by point", StringComparison.Ordinal) && !l.Contains('│'));
        Assert.That(line, Is.EqualTo("NOT MET  (a) publisher, point by point: median 0.17× reference (0.17–0.22 over 3 runs); target ≥ 0.8× reference"));
    }

    [Test]
    public void A_target_met_gets_a_MET_line()
    {
        var text = Render(new BenchReport("blissdata", "3 runs", Machine, [Blocks, PointByPoint], []));
        Assert.That(Lines(text), Does.Contain("MET      (a) publisher, blocks of 1024: median 0.99× reference (0.95–1.01 over 3 runs); target ≥ 0.8× reference"));
    }

    [Test]
    public void The_table_row_of_a_target_not_met_says_NOT_MET()
    {
        var text = Render(new BenchReport("blissdata", "3 runs", Machine, [Blocks, PointByPoint], []));
        var row = Lines(text).Single(l => l.Contains("point by point", StringComparison.Ordinal) && l.Contains('│'));
        Assert.That(row, Does.Contain("NOT MET").And.Contain("0.17×").And.Contain("0.17–0.22× (3)").And.Contain("≥ 0.8× reference"));
        var other = Lines(text).Single(l => l.Contains("blocks of 1024", StringComparison.Ordinal) && l.Contains('│'));
        Assert.That(other, Does.Contain("MET").And.Not.Contain("NOT MET"));
    }

    [Test]
    public void The_closing_line_counts_the_targets_not_met()
    {
        Assert.That(Render(new BenchReport("blissdata", "3 runs", Machine, [Blocks, PointByPoint], [])),
            Does.Contain("blissdata: 1 of 2 targets NOT MET"));
        Assert.That(Render(new BenchReport("blissdata", "3 runs", Machine, [Blocks], [])),
            Does.Contain("blissdata: all 1 targets met").And.Not.Contain("NOT MET"));
    }

    [Test]
    public void The_machine_context_is_told_once_with_cores_load_at_start_and_end_and_date()
    {
        var text = Render(new BenchReport("elmo", "5 runs", Machine, [Blocks], ["a note"]));
        Assert.That(Lines(text).Count(l => l.StartsWith("machine:", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(text, Does.Contain("machine: 2 cores, 1-min load 16.02 at start, 17.5 at end, 2026-12-01 10:31 UTC"));
        Assert.That(text, Does.Contain("note: a note"));
        Assert.That(Lines(text)[0], Is.EqualTo("elmo: 5 runs"), "what was measured comes first");
    }

    [Test]
    public void An_unknown_load_is_said_to_be_unknown()
    {
        Assert.That(BenchReportView.Machine(Machine with { LoadAtStart = null }), Does.Contain("load unknown at start"));
    }

    [Test]
    public void A_value_target_shows_the_value_with_its_unit_and_no_ratio()
    {
        var p99 = new BenchResult("twin p99 round trip", "µs", Target.Below(1000, "p99 < 1 ms"),
            [new Measurement(47.2), new Measurement(1681.9), new Measurement(41.9)]);
        Assert.That(VerdictLine.For(p99), Is.EqualTo("MET      twin p99 round trip: median 47.2 µs (41.9–1,682 over 3 runs); target p99 < 1 ms"));
    }

    [Test]
    public void A_single_run_says_so_instead_of_a_range()
    {
        var once = new BenchResult("hdf5 on tmpfs", "MB/s", Target.RatioAtLeast(0.7), [new Measurement(500, 1000)]);
        Assert.That(VerdictLine.For(once), Is.EqualTo("NOT MET  hdf5 on tmpfs: median 0.50× reference (1 run); target ≥ 0.7× reference"));
    }

    [Test]
    public void A_case_whose_runs_gave_no_number_is_shown_as_such_and_not_met()
    {
        var broken = new BenchResult("twin p99 round trip", "µs", Target.Below(1000, "p99 < 1 ms"), [new Measurement(40), new Measurement(double.NaN)]);
        Assert.That(VerdictLine.For(broken), Does.StartWith("NOT MET").And.Contain("median — µs"));
    }
}
