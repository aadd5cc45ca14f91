using Testbed.Beamline;
using Testbed.Beamline.Faults;

namespace Testbed.Scenarios.Model;

/// <summary>One regression scenario as its file describes it: the beamline, its starting state, the faults that strike, the steps, and
/// what must come out.</summary>
/// <param name="Name">Its name (the file's <c>name:</c>, else the file name); JUnit's test name.</param>
/// <param name="Source">The scenario file.</param>
/// <param name="Description">What it exercises, for the report.</param>
/// <param name="Beamline">The beamline file, loaded and checked (relative paths resolve against the scenario's folder).</param>
/// <param name="Targets">Where it may run: the twin, real hardware, or both.</param>
/// <param name="Seed">Added to every seed of the beamline file (null: the file's seeds as they are).</param>
/// <param name="Rate">The twin clock's rate (virtual seconds per real second).</param>
/// <param name="Timeout">Wall-clock limit of the whole run; past it the scenario fails as hung.</param>
/// <param name="State">Control-API settings applied before the first step (twin only).</param>
/// <param name="Faults">The fault timeline, armed when the twin starts (the same entries a beamline file's <c>faults:</c> takes).</param>
/// <param name="Steps">What happens, in order.</param>
/// <param name="Checks">What must hold at the end.</param>
public sealed record Scenario(
    string Name,
    string Source,
    string? Description,
    BeamlineConfig Beamline,
    IReadOnlyList<ScenarioTarget> Targets,
    long? Seed,
    double Rate,
    TimeSpan Timeout,
    IReadOnlyList<StateStep> State,
    IReadOnlyList<FaultDeclaration> Faults,
    IReadOnlyList<ScenarioStep> Steps,
    IReadOnlyList<ScenarioCheck> Checks)
{
    /// <summary>The current (and only) format version, the file's <c>scenario:</c> key.</summary>
    public const int FormatVersion = 1;

    /// <summary>True when some step restarts Redis: the private server then keeps its data on disk, as a production Redis would.</summary>
    public bool RestartsRedis => Steps.SelectMany(s => s.AndDuring()).OfType<RedisStep>().Any(r => r.Action == RedisAction.Restart);
}

/// <summary>Where a scenario runs: against the twin (every step) or against real controllers (twin-only steps skipped, said so).</summary>
public enum ScenarioTarget
{
    Twin,
    Hardware,
}
