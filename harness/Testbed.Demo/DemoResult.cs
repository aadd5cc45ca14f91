namespace Testbed.Demo;

/// <summary>How a demo run ended: <see cref="Outcome"/>, the one-line message to show, the published scan key (if any), and how long
/// the scan took in the twin's time and in real time (when it ran to its end).</summary>
public sealed record DemoResult(DemoOutcome Outcome, string Message, string? ScanKey = null, TimeSpan? TwinTime = null, TimeSpan? RealTime = null);

/// <summary>The end of a demo run, mapped to the command's exit status.</summary>
public enum DemoOutcome
{
    Succeeded,
    Failed,
    Refused,
    Interrupted,
}
