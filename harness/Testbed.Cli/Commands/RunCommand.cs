using System.CommandLine;
using Spectre.Console;
using Testbed.Cli.Shell;
using Testbed.Scenarios.Model;
using Testbed.Scenarios.Reports;
using Testbed.Scenarios.Running;
using Testbed.Scenarios.Suite;

namespace Testbed.Cli.Commands;

/// <summary><c>testbed run &lt;file or folder&gt;</c>: regression scenarios, each in its own environment, in parallel, with a live table,
/// JUnit XML and a Markdown report per scenario; exit 1 when any fails.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A scenario file, or a folder of them (e.g. scenarios/regression)." };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML of the run to this file." };
        var report = new Option<string>("--report") { Description = "Folder of the Markdown reports (one per scenario) and their PNGs.", DefaultValueFactory = _ => "scenario-reports" };
        var rate = CheckedOptions.Number("--rate", "Run every scenario at this twin clock rate instead of its own (1 = real time).", 0,
            v => v is 0 or (>= 0.01 and <= 10_000) ? null : "a rate is 0.01…10000 virtual seconds per real second");
        var target = new Option<string>("--target") { Description = "twin (default), or hardware: drive the beamline file's url:s; twin-only steps are skipped.", DefaultValueFactory = _ => "twin" };
        target.AcceptOnlyFromAmong("twin", "hardware");
        var update = new Option<bool>("--update-goldens") { Description = "Write the golden digests of the scans instead of comparing with them." };
        var parallel = CheckedOptions.Count("--parallel", "Scenarios run at once (default: the number of cores).", Environment.ProcessorCount, 1);
        var keep = new Option<bool>("--keep") { Description = "Keep every run's folder (beamline copy, data, scan files); by default only failed runs' are kept." };
        var cmd = new Command("run", "Run regression scenarios (YAML: beamline, faults, steps, assertions) against the twin, faster than real time; JUnit, Markdown reports, PNGs.")
        {
            path, junit, report, rate, target, update, parallel, keep,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var options = new ScenarioRunOptions
            {
                Target = parse.GetValue(target) == "hardware" ? ScenarioTarget.Hardware : ScenarioTarget.Twin,
                Rate = parse.GetValue(rate) is var r and > 0 ? r : null,
                ReportDirectory = parse.GetValue(report),
                UpdateGoldens = parse.GetValue(update),
                KeepWork = parse.GetValue(keep),
            };
            return await RunAsync(parse.GetValue(path)!, options, parse.GetValue(parallel), parse.GetValue(junit), ct);
        });
        return cmd;
    }

    private static async Task<int> RunAsync(string path, ScenarioRunOptions options, int parallel, string? junit, CancellationToken ct)
    {
        var files = ScenarioSuite.Files(path);
        var view = new RunTable(files);
        var results = Terminal.IsInteractive
            ? await AnsiConsole.Live(view.Render()).AutoClear(false).StartAsync(async live =>
            {
                using var refresh = new Timer(_ => live.UpdateTarget(view.Render()), null, 0, 250);
                var r = await ScenarioSuite.RunAsync(files, options, parallel, view.Log, view.End, ct);
                live.UpdateTarget(view.Render());
                return r;
            })
            : await ScenarioSuite.RunAsync(files, options, parallel, null, e => AnsiConsole.WriteLine(RunTable.Line(e)), ct);
        foreach (var e in results.Where(e => e.Outcome == ScenarioOutcome.Failed))
            AnsiConsole.MarkupLineInterpolated($"[red]FAILED[/] {e.Name}: {e.Reason}{(e.Run?.Report is { } md ? $" (report: {md})" : "")}");
        if (junit is not null)
        {
            JUnitReport.Write(junit, results);
            AnsiConsole.WriteLine($"junit: {junit}");
        }
        var (passed, failed, skipped) = (results.Count(e => e.Outcome == ScenarioOutcome.Passed), results.Count(e => e.Outcome == ScenarioOutcome.Failed),
            results.Count(e => e.Outcome == ScenarioOutcome.Skipped));
        AnsiConsole.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped" + (options.ReportDirectory is { } d ? $"; reports in {d}" : ""));
        if (ct.IsCancellationRequested) return ExitCodes.Interrupted;
        return failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
