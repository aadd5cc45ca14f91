using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;
using Testbed.Scenarios.Running;
using Testbed.Scenarios.Suite;

namespace Testbed.Cli.Commands;

/// <summary>The live table of <c>testbed run</c>: one row per scenario — state, twin time, what it does now — and the plain line per scenario for logs.</summary>
internal sealed class RunTable(IReadOnlyList<string> files)
{
    private readonly ConcurrentDictionary<string, LogEntry> _now = new();
    private readonly ConcurrentDictionary<string, SuiteEntry> _ended = new();

    public void Log(string file, LogEntry entry)
    {
        if (entry.Kind != "warn") _now[file] = entry;
    }

    public void End(SuiteEntry entry) => _ended[entry.File] = entry;

    public IRenderable Render()
    {
        var table = new Table().AddColumns("scenario", "state", "twin s", "now");
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (_ended.TryGetValue(file, out var e))
                table.AddRow(Markup.Escape(name), State(e.Outcome), (e.Run?.Virtual.TotalSeconds ?? 0).ToString("0.0"), Markup.Escape(Short(e.Reason ?? $"{e.Run?.Wall.TotalSeconds:0.0} s wall")));
            else if (_now.TryGetValue(file, out var now))
                table.AddRow(Markup.Escape(name), "[yellow]running[/]", now.At.ToString("0.0"), Markup.Escape(Short(now.Text)));
            else
                table.AddRow(Markup.Escape(name), "[grey]waiting[/]", "", "");
        }
        return table;
    }

    /// <summary>One line per ended scenario, for logs and pipes.</summary>
    public static string Line(SuiteEntry e) =>
        $"{e.Outcome.ToString().ToUpperInvariant(),-7} {e.Name} ({e.Run?.Wall.TotalSeconds ?? 0:0.0} s wall, {e.Run?.Virtual.TotalSeconds ?? 0:0.0} s twin)" + (e.Reason is { } r ? $": {r}" : "");

    private static string State(ScenarioOutcome o) => o switch
    {
        ScenarioOutcome.Passed => "[green]passed[/]",
        ScenarioOutcome.Failed => "[red]failed[/]",
        _ => "[grey]skipped[/]",
    };

    private static string Short(string s) => s.Length <= 90 ? s : s[..87] + "…";
}
