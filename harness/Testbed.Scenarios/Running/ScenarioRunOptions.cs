using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Running;

/// <summary>How to run scenarios: where, how fast, where the reports go, and whether goldens are refreshed.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>Twin (default) or hardware: then nothing is simulated, the file's url:s are driven, twin-only steps and assertions are skipped.</summary>
    public ScenarioTarget Target { get; init; } = ScenarioTarget.Twin;

    /// <summary>Overrides every scenario's clock rate (e.g. 1 to replay in real time); null = each scenario's own.</summary>
    public double? Rate { get; init; }

    /// <summary>Where the Markdown reports and their pictures go; null = no report.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Write the golden digests instead of comparing with them.</summary>
    public bool UpdateGoldens { get; init; }

    /// <summary>How many exchanges of each device involved in a failure the report shows.</summary>
    public int TranscriptLines { get; init; } = 20;

    /// <summary>Keep every run's folder, passed or not (default: kept only when failed).</summary>
    public bool KeepWork { get; init; }
}
