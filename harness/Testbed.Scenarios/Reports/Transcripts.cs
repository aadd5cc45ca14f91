using Testbed.Scenarios.Running;

namespace Testbed.Scenarios.Reports;

/// <summary>The wire transcripts of the devices a failure involved: the targets of the faults that fired, and every device its messages name
/// (a driver's error names its axis or controller); all devices when none is named.</summary>
internal static class Transcripts
{
    public static void Collect(ScenarioSession session, IReadOnlyList<CheckOutcome> checks, int lines, Dictionary<string, string> into)
    {
        if (session.Environment.Twin is not { } twin) return;
        var text = string.Join("\n", session.Log.Where(l => l.Kind is "error" or "scan").Select(l => l.Text)
            .Concat(checks.Where(c => c.Verdict == CheckVerdict.Failed).Select(c => c.Detail)));
        var axes = twin.Served.Controllers.ToDictionary(c => c.Name, c => c.Axes.Select(a => a.String("name") ?? "").ToList());
        var faulted = twin.Faults.Fired.Select(f => f.Spec.Device).ToHashSet(StringComparer.Ordinal);
        var involved = twin.Endpoints.Where(e => faulted.Contains(e.Name) || Mentions(text, e.Name) || axes.GetValueOrDefault(e.Name)?.Any(a => Mentions(text, a)) == true).ToList();
        foreach (var e in involved.Count > 0 ? involved : twin.Endpoints)
            into[e.Name] = $"{e.Description} at {e.Address}\n" + Render(e, lines);
    }

    private static bool Mentions(string text, string name) =>
        name.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w])");

    private static string Render(Twin.Host.ITwinEndpoint endpoint, int lines)
    {
        var kept = endpoint.Transcript.Snapshot();
        var shown = kept.TakeLast(lines).Select(x => x.Format()).ToList();
        var header = $"last {shown.Count} of {endpoint.Transcript.Recorded} exchanges (twin time since serving began):";
        return shown.Count == 0 ? "no exchange on the wire" : header + "\n" + string.Join("\n", shown);
    }
}
