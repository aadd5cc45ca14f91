using Testbed.Scenarios.Running;

namespace Testbed.Scenarios.Suite;

/// <summary>One scenario file of a suite run: its run, or the error that kept it from loading (a load error fails it).</summary>
public sealed record SuiteEntry(string File, ScenarioResult? Run, string? LoadError)
{
    public string Name => Run?.Scenario.Name ?? Path.GetFileNameWithoutExtension(File);

    public ScenarioOutcome Outcome => Run?.Outcome ?? ScenarioOutcome.Failed;

    /// <summary>Why it failed or was skipped; null when passed.</summary>
    public string? Reason => LoadError ?? Run?.Reason;
}
