using System.Text.Json;

namespace Testbed.Twin.Host.Control;

/// <summary>Where a fault is, as the control API lists it: over = its duration ran out, cleared = cleared before that.</summary>
public enum FaultReportState
{
    /// <summary>Waiting for its time or event.</summary>
    Armed,

    /// <summary>In effect now.</summary>
    Active,

    /// <summary>Its duration ran out.</summary>
    Over,

    /// <summary>Cleared by a request (an armed one never fired).</summary>
    Cleared,
}

/// <summary>One fault injected or declared: what, where, from when, for how long, and when it fired and cleared (twin seconds since serving began).</summary>
/// <param name="Name">What it is listed and cleared by.</param>
/// <param name="Type">Its type as the file spells it (<c>drop</c>, <c>beam_loss</c>).</param>
/// <param name="Target">The axis it was aimed at, else the controller (or the world entry).</param>
/// <param name="Device">The controller it hits.</param>
/// <param name="Start">When it fires: <c>at</c> seconds, or <c>on</c> an event.</param>
/// <param name="Duration">Seconds it lasts once fired; null = until cleared.</param>
/// <param name="Parameters">Its parameters with defaults filled in (<c>percent</c>, <c>side</c> …).</param>
/// <param name="State">Armed, active, over or cleared.</param>
/// <param name="FiredAt">Twin seconds when it fired, or null.</param>
/// <param name="ClearedAt">Twin seconds when it ended, or null.</param>
/// <param name="Description">One line: "drop on tx_ctrl at 2 s for 1 s (percent 50)".</param>
public sealed record FaultReport(
    string Name,
    string Type,
    string Target,
    string Device,
    FaultStartReport Start,
    double? Duration,
    IReadOnlyDictionary<string, object> Parameters,
    FaultReportState State,
    double? FiredAt,
    double? ClearedAt,
    string Description);

/// <summary>A fault's start: <see cref="At"/> twin seconds, or <see cref="On"/> an event (one of the two is null).</summary>
public sealed record FaultStartReport(double? At, FaultEventReport? On);

/// <summary>An event start: the <see cref="Count"/>-th <see cref="Command"/> statement a drive receives, or frame number <see cref="Frame"/> of a detector.</summary>
public sealed record FaultEventReport(string Device, string? Command, long? Count, long? Frame);

/// <summary>A fault type: what it hits (controller classes, and the targets of this beamline that fit) and the parameters it takes.</summary>
public sealed record FaultTypeReport(string Name, string Scope, IReadOnlyList<string> Classes, string Meaning, IReadOnlyList<FaultParameterReport> Parameters,
    IReadOnlyList<string> Targets);

/// <summary>One parameter of a fault type: a number in <see cref="Min"/>…<see cref="Max"/>, or a choice of <see cref="Allowed"/>; no default = required.</summary>
public sealed record FaultParameterReport(string Key, double? Min, double? Max, IReadOnlyList<string>? Allowed, object? Default);

/// <summary>The body of an inject: one fault with the keys of a beamline file's <c>faults:</c> entry; the type's parameters may stand
/// beside the other keys (as in the file) or in <see cref="Parameters"/>.</summary>
/// <param name="Type">One of <c>GET /api/faults/types</c>.</param>
/// <param name="Target">A controller, an axis (its drive) or the world entry.</param>
/// <param name="Name">Default <c>&lt;type&gt;-&lt;n&gt;</c>.</param>
/// <param name="At">Twin seconds since serving began (a past instant, or none, fires at once).</param>
/// <param name="On">An event start instead of <paramref name="At"/>.</param>
/// <param name="For">Seconds it lasts once fired; absent = until cleared.</param>
/// <param name="Parameters">The type's parameters, e.g. <c>{"percent": 50}</c>.</param>
public sealed record FaultRequest(string Type, string Target, string? Name, double? At, FaultEventRequest? On, double? For,
    IReadOnlyDictionary<string, JsonElement>? Parameters);

/// <summary>An event start as the file writes it: <c>{"command": "PA=", "count": 5}</c> or <c>{"frame": 10}</c>; <see cref="Device"/> defaults to the target.</summary>
public sealed record FaultEventRequest(string? Device, string? Command, long? Count, long? Frame);
