namespace Testbed.Demo;

/// <summary>How a demo run ended: <see cref="Outcome"/>, the one-line message to show, and the published scan key (if any).</summary>
public sealed record DemoResult(DemoOutcome Outcome, string Message, string? ScanKey = null);

/// <summary>The end of a demo run, mapped to the command's exit status.</summary>
public enum DemoOutcome
{
    Succeeded,
    Failed,
    Refused,
    Interrupted,
}
