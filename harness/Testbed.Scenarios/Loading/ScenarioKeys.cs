namespace Testbed.Scenarios.Loading;

/// <summary>Every key the scenario format knows, per object: what the loader accepts and what scenarios/schema/scenario.schema.json
/// must describe (a test holds the two together).</summary>
public static class ScenarioKeys
{
    public static readonly string[] Top = ["scenario", "name", "description", "beamline", "targets", "seed", "rate", "timeout", "state", "faults", "steps", "assertions"];

    /// <summary>The action keys of a step; a step has exactly one.</summary>
    public static readonly string[] StepActions = ["scan", "move", "align", "wait", "set", "clock", "fault", "clear_fault", "redis", "queue"];

    /// <summary>Keys beside the action: <c>name</c>, <c>options</c>, <c>during</c> (scan); <c>for</c> (redis); <c>after_points</c> (inside during).</summary>
    public static readonly string[] StepModifiers = ["name", "options", "during", "for", "after_points"];

    public static readonly string[] Align = ["scan", "channel", "motor", "fit"];

    public static readonly string[] Clock = ["rate", "step"];

    /// <summary>The kind keys of an assertion; an assertion has exactly one.</summary>
    public static readonly string[] CheckKinds = ["scan", "points", "fit", "value", "position", "twin", "detector_files", "master_file", "fault_fired", "virtual_time", "golden"];

    /// <summary>Keys beside <c>scan:</c> in a scan-end assertion.</summary>
    public static readonly string[] ScanEnd = ["status", "end_reason", "failure", "refused"];

    public static readonly string[] Points = ["scan", "stream", "count"];

    public static readonly string[] Fit = ["scan", "channel", "motor", "shape", "centre", "fwhm", "within"];

    public static readonly string[] Value = ["scan", "channel", "stat", "equals", "within", "min", "max"];

    public static readonly string[] Position = ["axis", "equals", "within"];

    public static readonly string[] Twin = ["device", "key", "equals"];

    public static readonly string[] DetectorFiles = ["scan", "stream", "frames", "files"];

    public static readonly string[] MasterFile = ["scan", "exists", "successful"];

    public static readonly string[] FaultFired = ["name", "fired"];

    public static readonly string[] VirtualTime = ["scan", "min", "max"];

    public static readonly string[] Golden = ["scan"];

    /// <summary>BEC scan statuses a scan-end assertion may name.</summary>
    public static readonly string[] Statuses = ["closed", "aborted", "halted", "user_completed"];

    /// <summary>blissdata end reasons.</summary>
    public static readonly string[] EndReasons = ["SUCCESS", "FAILURE", "USER_ABORT", "DELETION"];

    public static readonly string[] Statistics = ["min", "max", "mean", "sum", "first", "last"];
}
