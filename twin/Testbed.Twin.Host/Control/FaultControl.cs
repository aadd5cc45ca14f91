using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Beamline;
using Testbed.Beamline.Faults;
using Testbed.Twin.Faults;
using Testbed.Twin.Host.Faults;

namespace Testbed.Twin.Host.Control;

/// <summary>The fault half of the control API, in process: list the faults and their types, inject one written as a beamline file's
/// <c>faults:</c> entry, clear one or all. Refusals are <see cref="ControlException"/>s with one line naming the key.</summary>
/// <remarks>An injected fault is checked by <see cref="FaultSchema"/> against the served file's controllers, exactly as a declared one,
/// and armed through <see cref="FaultInjector"/>; nothing here validates a second time.</remarks>
public sealed class FaultControl
{
    /// <summary>Where injected faults are located in errors.</summary>
    public const string Source = "POST /api/faults";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = BeamlineConfig.MaxDepth, AllowDuplicateProperties = false };
    private readonly FaultInjector _faults;
    private readonly IReadOnlyList<ControllerConfig> _controllers;
    private readonly Lock _gate = new();

    public FaultControl(ServedBeamline served)
    {
        ArgumentNullException.ThrowIfNull(served);
        _faults = served.Faults;
        _controllers = served.Served.Controllers;
    }

    /// <summary>Every fault injected or declared, in the order armed.</summary>
    public IReadOnlyList<FaultReport> List() => [.. _faults.All.Select(Report)];

    /// <summary>Every fault type, with the targets of this beamline it can hit.</summary>
    public IReadOnlyList<FaultTypeReport> Types() => [.. FaultSchema.Types.Select(t => new FaultTypeReport(t.Name, t.Scope, t.Classes, t.Meaning,
        [
            .. (t.Numbers ?? []).Select(n => new FaultParameterReport(n.Key, n.Min, n.Max, null, n.Default)),
            .. (t.Choices ?? []).Select(c => new FaultParameterReport(c.Key, null, null, c.Allowed, c.Allowed[0])),
        ],
        [.. _controllers.Where(c => t.Fits(c.Class)).SelectMany(c => c.Axes.Select(a => a.IsMapping ? a.String("name") : null).OfType<string>().Prepend(c.Name))]))];

    /// <summary>Arms the fault <paramref name="json"/> describes (a JSON object with the keys of a file entry) and returns its record.</summary>
    public FaultReport Inject(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var fault = Flatten(json);
        // One inject at a time: a default name is chosen and armed as one step, so two requests never pick the same.
        lock (_gate) return Arm(fault);
    }

    private FaultReport Arm(JsonObject fault)
    {
        var text = fault.ToJsonString();
        var named = fault["name"] is not null;
        var declared = Declare(text, _faults.All.Count);
        // A default name skips every name already listed, so an injected fault never replaces another's history.
        for (var index = _faults.All.Count + 1; !named && _faults.All.Any(r => r.Name == declared.Name); index++) declared = Declare(text, index);
        // A file's fault without a start holds from time 0; one injected without a start fires now, and its record says when.
        if (fault["at"] is null && fault["on"] is null) declared = declared with { Start = new FaultStartDeclaration(_faults.Now) };
        RefuseInUse(declared.Name);
        try
        {
            return Report(_faults.Inject(FaultInjector.ToSpec(declared)));
        }
        catch (ArgumentException e)
        {
            RefuseInUse(declared.Name);
            throw new ControlException(ControlProblem.BadValue, e.Message);
        }
    }

    /// <summary>Clears the fault called <paramref name="name"/> (an armed one never fires); one already over is returned as it is.</summary>
    public FaultReport Clear(string name)
    {
        _faults.Clear(name);
        var record = _faults.All.FirstOrDefault(r => r.Name == name) ?? throw new ControlException(ControlProblem.NotFound,
            _faults.All.Count == 0 ? $"no fault '{name}'; none has been injected or declared" : $"no fault '{name}'; faults: {string.Join(", ", _faults.All.Select(r => r.Name))}");
        return Report(record);
    }

    /// <summary>Clears every armed and active fault; returns them all.</summary>
    public IReadOnlyList<FaultReport> ClearAll()
    {
        _faults.ClearAll();
        return List();
    }

    private FaultDeclaration Declare(string text, int index)
    {
        try
        {
            return FaultSchema.Parse(text, Source, _controllers, index);
        }
        catch (ConfigException e)
        {
            throw new ControlException(ControlProblem.BadValue, e.Key is { } key ? $"key '{key}': {e.Problem}" : e.Problem);
        }
    }

    private void RefuseInUse(string name)
    {
        if (_faults.All.FirstOrDefault(r => r.Name == name && r.State != FaultState.Cleared) is { } old)
            throw new ControlException(ControlProblem.Conflict,
                $"a fault named '{name}' is already {old.State.ToString().ToLowerInvariant()}; clear it first (DELETE /api/faults/{name}) or give another name");
    }

    // The file writes a type's parameters beside the other keys; the API also takes them under "parameters" (as it lists them).
    private static JsonObject Flatten(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new ControlException(ControlProblem.BadValue, "the body is empty; send one fault as a JSON object, e.g. {\"type\": \"drop\", \"target\": \"tx_ctrl\"}");
        JsonNode? node;
        try { node = JsonNode.Parse(json, documentOptions: JsonOptions); }
        catch (JsonException e) { throw new ControlException(ControlProblem.BadValue, $"the body is not JSON ({e.Message}); send one fault, e.g. {{\"type\": \"drop\", \"target\": \"tx_ctrl\"}}"); }
        if (node is not JsonObject fault)
            throw new ControlException(ControlProblem.BadValue, "the body is one fault as a JSON object, e.g. {\"type\": \"drop\", \"target\": \"tx_ctrl\", \"percent\": 50}");
        if (!fault.TryGetPropertyValue("parameters", out var parameters)) return fault;
        fault.Remove("parameters");
        if (parameters is null) return fault;
        if (parameters is not JsonObject map)
            throw new ControlException(ControlProblem.BadValue, "key 'parameters': the type's parameters as an object, e.g. {\"percent\": 50}");
        foreach (var (key, value) in map.ToList())
        {
            if (fault.ContainsKey(key))
                throw new ControlException(ControlProblem.BadValue, $"key '{key}': given twice, beside the other keys and in parameters; give it once");
            map.Remove(key);
            fault[key] = value;
        }
        return fault;
    }

    private static FaultReport Report(FaultRecord r)
    {
        var s = r.Spec;
        var type = JsonNamingPolicy.SnakeCaseLower.ConvertName(s.Kind.ToString());
        var target = s.Axis ?? s.Device;
        var on = s.Start.At is null
            ? new FaultEventReport(s.Start.Device!, s.Start.Command, s.Start.Event == FaultEvents.Frame ? null : s.Start.Count, s.Start.Event == FaultEvents.Frame ? s.Start.Count : null)
            : null;
        var parameters = s.Numbers.Select(p => (p.Key, Value: (object)p.Value)).Concat(s.Choices.Select(p => (p.Key, Value: (object)p.Value)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var state = r.State switch
        {
            FaultState.Armed => FaultReportState.Armed,
            FaultState.Active => FaultReportState.Active,
            _ => r.RanOut ? FaultReportState.Over : FaultReportState.Cleared,
        };
        var start = s.Start.At is { } at ? $"at {Seconds(at)} s"
            : on!.Frame is { } frame ? $"on frame {frame} of {on.Device}" : $"on {on.Command} #{on.Count} of {on.Device}";
        var description = $"{type} on {target} {start} {(s.Duration is { } d ? $"for {Seconds(d)} s" : "until cleared")}" +
                          (parameters.Count == 0 ? "" : $" ({string.Join(", ", parameters.Select(p => $"{p.Key} {Convert.ToString(p.Value, CultureInfo.InvariantCulture)}"))})");
        return new FaultReport(s.Name, type, target, s.Device, new FaultStartReport(s.Start.At?.TotalSeconds, on), s.Duration?.TotalSeconds, parameters, state,
            r.FiredAt?.TotalSeconds, r.ClearedAt?.TotalSeconds, description);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
