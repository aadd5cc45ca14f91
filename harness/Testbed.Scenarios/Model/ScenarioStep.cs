using Testbed.Beamline;
using Testbed.Beamline.Faults;
using Testbed.Scans.Client;

namespace Testbed.Scenarios.Model;

/// <summary>One step of a scenario, located in its file.</summary>
/// <param name="Node">Where the step is written (for messages).</param>
/// <param name="AfterPoints">Inside a scan's <c>during:</c>: wait until the scan has this many points before acting.</param>
public abstract record ScenarioStep(ConfigNode Node, int? AfterPoints)
{
    /// <summary>True for steps only the twin can do (its control API, its faults, its clock); a hardware run skips them and says so.</summary>
    public virtual bool TwinOnly => false;

    /// <summary>What the report says of it, e.g. "scan peak: line_scan tx -1 1 41 0.01".</summary>
    public abstract string Describe();

    /// <summary>This step and the steps run while it runs.</summary>
    public virtual IEnumerable<ScenarioStep> AndDuring() => [this];
}

/// <summary>A scan submitted through Redis like any client's, followed to its end; <see cref="During"/> runs beside it.</summary>
/// <param name="Node">Where the step is written.</param>
/// <param name="Name">How checks name it (default scan1, scan2 … in order).</param>
/// <param name="Request">The request (BEC's scan name and arguments).</param>
/// <param name="During">Steps run while the scan runs (each usually waits for <c>after_points</c>).</param>
public sealed record ScanStep(ConfigNode Node, string Name, ScanRequest Request, IReadOnlyList<ScenarioStep> During) : ScenarioStep(Node, null)
{
    public override string Describe() => $"scan {Name}: {Request.Text}";

    public override IEnumerable<ScenarioStep> AndDuring() => [this, .. During];
}

/// <summary>Moves axes to absolute positions through the scan server (BEC's umv).</summary>
public sealed record MoveStep(ConfigNode Node, int? AfterPoints, IReadOnlyList<(string Axis, double Target)> Targets) : ScenarioStep(Node, AfterPoints)
{
    public override string Describe() => "move " + string.Join(", ", Targets.Select(t => $"{t.Axis} to {t.Target:G6}"));
}

/// <summary>Fits a scan's channel against its motor and moves the motor to the fitted centre (alignment).</summary>
public sealed record AlignStep(ConfigNode Node, string Scan, string Channel, string Motor, FitShape Shape) : ScenarioStep(Node, null)
{
    public override string Describe() => $"align {Motor} on the {Shape.ToString().ToLowerInvariant()} of {Channel} in scan {Scan}";
}

/// <summary>Waits on the twin's clock (virtual seconds; real seconds against hardware).</summary>
public sealed record WaitStep(ConfigNode Node, int? AfterPoints, TimeSpan Duration) : ScenarioStep(Node, AfterPoints)
{
    public override string Describe() => $"wait {Duration.TotalSeconds:G6} s";
}

/// <summary>Sets simulated state through the twin's control API (positions, limit switches, beam, sample centre …).</summary>
public sealed record StateStep(ConfigNode Node, int? AfterPoints, string Device, IReadOnlyList<(string Key, string Value)> Values) : ScenarioStep(Node, AfterPoints)
{
    public override bool TwinOnly => true;

    public override string Describe() => $"set {Device}: " + string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"));
}

/// <summary>Pauses, resumes, steps or re-rates the twin's clock.</summary>
public sealed record ClockStep(ConfigNode Node, int? AfterPoints, ClockAction Action, double Value) : ScenarioStep(Node, AfterPoints)
{
    public override bool TwinOnly => true;

    public override string Describe() => Action switch
    {
        ClockAction.Rate => $"clock rate {Value:G6}",
        ClockAction.Step => $"clock step {Value:G6} s",
        _ => $"clock {Action.ToString().ToLowerInvariant()}",
    };
}

/// <summary>What a clock step does.</summary>
public enum ClockAction
{
    Pause,
    Resume,
    Step,
    Rate,
}

/// <summary>Injects a fault now (its <c>at:</c> counts from this moment) or clears one by name.</summary>
public sealed record FaultStep(ConfigNode Node, int? AfterPoints, FaultDeclaration? Inject, string? Clear) : ScenarioStep(Node, AfterPoints)
{
    public override bool TwinOnly => true;

    public override string Describe() => Inject is { } f ? $"inject {f.Type} '{f.Name}' on {f.Axis ?? f.Device}" : $"clear fault '{Clear}'";
}

/// <summary>Pauses, resumes or restarts the private Redis (data kept on disk across a restart).</summary>
public sealed record RedisStep(ConfigNode Node, int? AfterPoints, RedisAction Action, TimeSpan? For) : ScenarioStep(Node, AfterPoints)
{
    public override string Describe() => $"redis {Action.ToString().ToLowerInvariant()}" + (For is { } f ? $" for {f.TotalSeconds:G6} s" : "");
}

/// <summary>What a Redis step does.</summary>
public enum RedisAction
{
    Pause,
    Resume,
    Restart,
}

/// <summary>Asks the scan server to pause, resume, abort or halt the running scan (BEC's queue modification).</summary>
public sealed record QueueStep(ConfigNode Node, int? AfterPoints, Bec.Messages.Queue.QueueModificationAction Action) : ScenarioStep(Node, AfterPoints)
{
    public override string Describe() => $"{Action.ToString().ToLowerInvariant()} the scan";
}

/// <summary>The curve a fit looks for.</summary>
public enum FitShape
{
    /// <summary>A Gaussian peak on a flat background (least squares).</summary>
    Gaussian,

    /// <summary>The centre of mass above the minimum (no model).</summary>
    Centroid,

    /// <summary>An edge: where the derivative is largest in magnitude (of a smoothed error-function fit).</summary>
    Edge,
}
