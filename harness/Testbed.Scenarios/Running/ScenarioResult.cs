using Testbed.Scans.Client;
using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Running;

/// <summary>How a scenario ended.</summary>
public enum ScenarioOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One scenario's run: outcome, what happened (steps, faults, scans), each assertion's verdict, and the report written.</summary>
/// <param name="Scenario">What ran.</param>
/// <param name="Target">Where it ran.</param>
/// <param name="Outcome">Passed, failed (an assertion, a step, or the run itself), or skipped (not for this target).</param>
/// <param name="Reason">Why it failed or was skipped, one line; null when passed.</param>
/// <param name="Wall">Real time of the whole run.</param>
/// <param name="Virtual">Twin time of the steps (real time against hardware).</param>
/// <param name="Log">Steps and faults as they happened.</param>
/// <param name="Checks">Each assertion's verdict.</param>
/// <param name="Scans">Each scan step's record, by name.</param>
/// <param name="Transcripts">The last exchanges of every device involved in a failure, by device.</param>
/// <param name="Report">The Markdown report, when one was written.</param>
/// <param name="Digests">Each scan's golden digest (streams and pixels), for goldens and determinism checks.</param>
public sealed record ScenarioResult(
    Scenario Scenario,
    ScenarioTarget Target,
    ScenarioOutcome Outcome,
    string? Reason,
    TimeSpan Wall,
    TimeSpan Virtual,
    IReadOnlyList<LogEntry> Log,
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyDictionary<string, ScanRecord> Scans,
    IReadOnlyDictionary<string, string> Transcripts,
    string? Report,
    IReadOnlyDictionary<string, ScanDigest> Digests)
{
    public bool Passed => Outcome == ScenarioOutcome.Passed;
}

/// <summary>One line of what happened, at a twin time (seconds since the twin started).</summary>
/// <param name="At">Twin seconds.</param>
/// <param name="Kind">step, fault, skip, error, note.</param>
/// <param name="Text">What.</param>
public sealed record LogEntry(double At, string Kind, string Text);

/// <summary>An assertion's verdict: passed, failed with what was found, or skipped with why.</summary>
public sealed record CheckOutcome(ScenarioCheck Check, CheckVerdict Verdict, string Detail);

/// <summary>An assertion's verdict.</summary>
public enum CheckVerdict
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>What a scan step produced: the client's view of its end (or its refusal), its twin times, and its plots.</summary>
public sealed class ScanRecord(ScanStep step)
{
    public ScanStep Step { get; } = step;

    /// <summary>How it ended; null when refused or when the run failed before its end.</summary>
    public ScanResult? Result { get; set; }

    /// <summary>The scan server's refusal, when it refused the request.</summary>
    public string? Refusal { get; set; }

    /// <summary>An error that kept the scan from being followed to its end (Redis unreachable, no answer).</summary>
    public string? Error { get; set; }

    public double StartedAt { get; set; }

    public double EndedAt { get; set; }

    /// <summary>PNGs of its curves and a frame thumbnail, with what each shows.</summary>
    public List<(string Path, string What)> Pictures { get; } = [];
}

/// <summary>A scan's data reduced to digests: per stream its point count and SHA-256 of its values (lima streams: of the frames' pixels).</summary>
public sealed record ScanDigest(IReadOnlyDictionary<string, StreamDigest> Streams);

/// <summary>One stream's digest: points, and the SHA-256 (hex) of its values in point order.</summary>
public sealed record StreamDigest(long Points, string Sha256);
