using System.Globalization;
using Spectre.Console;
using Testbed.Bench.Results;

namespace Testbed.Bench.Rendering;

/// <summary>Renders a report: what was measured and the machine context (once), one table row per case, one verdict line per case, then the notes.</summary>
public static class BenchReportView
{
    public static void Render(IAnsiConsole console, BenchReport report)
    {
        console.WriteLine($"{report.Bench}: {report.Setup}");
        console.WriteLine(Machine(report.Machine));
        console.Write(Table(report));
        foreach (var result in report.Results)
        {
            var colour = result.Verdict == Verdict.Met ? "green" : "red";
            console.MarkupLine($"[{colour}]{Markup.Escape(VerdictLine.For(result))}[/]");
        }
        foreach (var note in report.Notes) console.WriteLine($"note: {note}");
        console.MarkupLine(report.NotMet.Any() ? $"[red]{Markup.Escape(VerdictLine.Summary(report))}[/]" : Markup.Escape(VerdictLine.Summary(report)));
    }

    /// <summary>"machine: 2 cores, 1-min load 16.2 at start, 17.0 at end, 2026-12-01 10:31 UTC".</summary>
    public static string Machine(MachineContext machine)
    {
        static string Load(double? load) => load is { } l ? l.ToString("0.0#", CultureInfo.InvariantCulture) : "unknown";
        return $"machine: {machine.Cores} cores, 1-min load {Load(machine.LoadAtStart)} at start, {Load(machine.LoadAtEnd)} at end, "
               + machine.Date.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }

    private static Table Table(BenchReport report)
    {
        var table = new Table();
        table.AddColumn("case");
        table.AddColumn(new TableColumn("median").RightAligned());
        table.AddColumn("unit");
        table.AddColumn(new TableColumn("reference").RightAligned());
        table.AddColumn(new TableColumn("ratio").RightAligned());
        table.AddColumn(new TableColumn("range (runs)").RightAligned());
        table.AddColumn("target");
        table.AddColumn("verdict");
        foreach (var r in report.Results)
        {
            var judged = r.Judged;
            var range = $"{Quantity.Range(judged.Min, judged.Max, r.Target.OnRatio)}{(r.Target.OnRatio ? "×" : "")} ({judged.Count})";
            var verdict = r.Verdict == Verdict.Met ? "[green]MET[/]" : "[red]NOT MET[/]";
            table.AddRow(
                Markup.Escape(r.Name),
                Quantity.Format(r.Value.Median),
                Markup.Escape(r.Unit),
                r.Reference is { } reference ? Quantity.Format(reference.Median) : "—",
                r.Ratio is { } ratio ? Quantity.Ratio(ratio.Median) : "—",
                range,
                Markup.Escape(r.Target.Text),
                verdict);
        }
        return table;
    }
}
