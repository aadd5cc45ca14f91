using System.Globalization;
using System.Xml.Linq;
using Testbed.Scenarios.Running;
using Testbed.Scenarios.Suite;

namespace Testbed.Scenarios.Reports;

/// <summary>JUnit XML of a suite run: one testcase per scenario (classname = its folder), failures with the reason and the failed assertions,
/// skips with why, the log as system-out — what CI servers (GitLab, Jenkins, GitHub's reporters) display.</summary>
public static class JUnitReport
{
    public static void Write(string path, IReadOnlyList<SuiteEntry> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", "testbed scenarios"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => r.Outcome == ScenarioOutcome.Failed)),
            new XAttribute("skipped", results.Count(r => r.Outcome == ScenarioOutcome.Skipped)),
            new XAttribute("time", S(TimeSpan.FromTicks(results.Sum(r => r.Run?.Wall.Ticks ?? 0)))),
            results.Select(r => new XElement("testcase",
                new XAttribute("name", r.Name),
                new XAttribute("classname", Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(r.File))) + "." + Path.GetFileNameWithoutExtension(r.File)),
                new XAttribute("file", r.File),
                new XAttribute("time", S(r.Run?.Wall ?? TimeSpan.Zero)),
                r.Outcome switch
                {
                    ScenarioOutcome.Failed => new XElement("failure", new XAttribute("message", r.Reason ?? "failed"),
                        string.Join("\n", (r.Run?.Checks ?? []).Where(c => c.Verdict == CheckVerdict.Failed).Select(c => $"{c.Check.Node.Location}: {c.Check.Describe()}: {c.Detail}"))
                        + (r.Run?.Report is { } md ? $"\nreport: {md}" : "")),
                    ScenarioOutcome.Skipped => new XElement("skipped", new XAttribute("message", r.Reason ?? "skipped")),
                    _ => null,
                },
                new XElement("system-out", string.Join("\n", (r.Run?.Log ?? []).Select(l => FormattableString.Invariant($"{l.At,9:0.000} {l.Kind,-5} {l.Text}")))))));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).Save(path);
    }
}
