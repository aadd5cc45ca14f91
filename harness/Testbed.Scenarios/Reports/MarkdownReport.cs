using System.Text;
using Testbed.Dashboard.Export;
using Testbed.Scenarios.Running;

namespace Testbed.Scenarios.Reports;

/// <summary>A scenario's Markdown report: outcome, assertions, the timeline of steps and faults as they fired, a PNG plot of each scan and a
/// detector-frame thumbnail, and the wire transcripts of the devices involved in a failure.</summary>
internal static class MarkdownReport
{
    public static async Task<string> WriteAsync(string directory, ScenarioSession session, IReadOnlyList<CheckOutcome> checks, string? failure,
        IReadOnlyDictionary<string, string> transcripts)
    {
        var scenario = session.Scenario;
        var stem = Path.GetFileNameWithoutExtension(scenario.Source);
        var pictures = Path.Combine(directory, stem);
        // A report replaces the previous one of the same scenario in this folder (the PNG export never writes over a file).
        if (Directory.Exists(pictures)) foreach (var old in Directory.EnumerateFiles(pictures, "*.png")) File.Delete(old);
        Directory.CreateDirectory(pictures);
        await PicturesAsync(session, pictures);
        var failed = failure is not null || checks.Any(c => c.Verdict == CheckVerdict.Failed);
        var md = new StringBuilder();
        md.AppendLine($"# {scenario.Name}: {(failed ? "FAILED" : "passed")}").AppendLine();
        if (scenario.Description is { } d) md.AppendLine(d.Trim()).AppendLine();
        md.AppendLine($"Scenario `{scenario.Source}`, beamline `{scenario.Beamline.Source}`, twin time {session.Now:0.###} s.").AppendLine();
        if (failure is not null) md.AppendLine($"**Run failed:** {Escape(failure)}").AppendLine();
        md.AppendLine("## Assertions").AppendLine().AppendLine("| | assertion | found |").AppendLine("|---|---|---|");
        foreach (var c in checks)
            md.AppendLine($"| {Mark(c.Verdict)} | {Escape(c.Check.Describe())} ({c.Check.Node.Line}) | {Escape(c.Detail)} |");
        md.AppendLine().AppendLine("## Timeline").AppendLine().AppendLine("| twin s | what | |").AppendLine("|---:|---|---|");
        foreach (var e in session.Log.Where(l => l.Kind != "warn" || failed))
            md.AppendLine($"| {e.At:0.000} | {e.Kind} | {Escape(e.Text)} |");
        foreach (var (name, record) in session.Scans)
        {
            md.AppendLine().AppendLine($"## Scan {name}: `{record.Step.Request.Text}`").AppendLine();
            var r = record.Result;
            md.AppendLine(record.Refusal is { } refusal ? $"Refused: {Escape(refusal)}"
                : r is null ? $"Not followed to its end: {Escape(record.Error ?? "the run stopped")}"
                : $"Scan #{r.ScanNumber}, {r.Status?.ToString().ToLowerInvariant() ?? r.QueueStatus}, twin {record.StartedAt:0.###}…{record.EndedAt:0.###} s" +
                  (r.Failure is { } f ? $"; failure: {Escape(f)}" : "") + (r.BlissdataKey is { } k ? $"; blissdata `{k}`" : "") + (r.MasterFile is { } m ? $"; file `{m}`" : ""));
            foreach (var (picture, what) in record.Pictures)
                md.AppendLine().AppendLine($"![{Escape(what)}]({stem}/{Path.GetFileName(picture)})");
        }
        if (transcripts.Count > 0)
        {
            md.AppendLine().AppendLine("## Wire transcripts of the devices involved");
            foreach (var (device, text) in transcripts) md.AppendLine().AppendLine($"### {device}").AppendLine().AppendLine("```").AppendLine(text.TrimEnd()).AppendLine("```");
        }
        var path = Path.Combine(directory, stem + ".md");
        await File.WriteAllTextAsync(path, md.ToString());
        return path;
    }

    private static async Task PicturesAsync(ScenarioSession session, string folder)
    {
        var store = await session.StoreAsync();
        foreach (var (name, record) in session.Scans)
        {
            if (record.Result?.BlissdataKey is not { } key) continue;
            try
            {
                var curves = Path.Combine(folder, $"{name}_counters.png");
                record.Pictures.Add((curves, await ScanExport.PlotAsync(store, key, curves, 720, 400)));
                var scan = await store.LoadScanAsync(key);
                if (scan.Streams.Values.Any(s => s.Plugin == "lima"))
                {
                    var frame = Path.Combine(folder, $"{name}_frame.png");
                    record.Pictures.Add((frame, await ScanExport.FrameAsync(store, key, -1, frame)));
                }
            }
            catch (Exception e) when (e is Blissdata.BlissdataException or IOException or InvalidOperationException or ArgumentException)
            {
                session.Note("note", $"no picture of scan {name}: {e.Message}");
            }
        }
    }

    private static string Mark(CheckVerdict v) => v switch { CheckVerdict.Passed => "✅", CheckVerdict.Failed => "❌", _ => "⏭" };

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
