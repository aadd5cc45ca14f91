using System.Globalization;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Values;
using Testbed.Beamline;
using Testbed.Beamline.Faults;
using Testbed.Scans.Client;
using Testbed.Scans.Validation;
using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Loading;

/// <summary>Reads the <c>steps:</c> list (and each scan's <c>during:</c>), one action key per step.</summary>
internal sealed class StepReader(Names names, int faultsBefore)
{
    private int _scans;
    private int _faults = faultsBefore;
    private readonly HashSet<string> _scanNames = new(StringComparer.Ordinal);

    public IReadOnlyList<ScenarioStep> ReadAll(ConfigNode list)
    {
        if (!list.IsSequence) throw list.Error(null, "steps: is a list, one step per '- ' line");
        return [.. list.Items().Select(n => Read(n, inside: false))];
    }

    private ScenarioStep Read(ConfigNode node, bool inside)
    {
        if (!node.IsMapping) throw node.Error(null, $"a step is a mapping with one of: {string.Join(", ", ScenarioKeys.StepActions)} (e.g. - wait: 1)");
        node.ExpectOnly([.. ScenarioKeys.StepActions, .. ScenarioKeys.StepModifiers]);
        var actions = node.Keys.Where(k => ScenarioKeys.StepActions.Contains(k)).ToList();
        if (actions.Count != 1)
            throw node.Error(null, actions.Count == 0
                ? $"this step does nothing; give one of: {string.Join(", ", ScenarioKeys.StepActions)}"
                : $"one action per step, and this one has {string.Join(" and ", actions)}; split it into {actions.Count} steps");
        var action = actions[0];
        int? after = null;
        if (node.Get("after_points") is { } ap)
        {
            if (!inside) throw node.Error("after_points", "after_points: waits for a running scan's points; use it in a scan's during: list");
            after = ap.AsInt() is var n and >= 0 ? n : throw ap.Error(null, "after_points: is a count of points, 0 or more");
        }
        foreach (var only in new[] { ("name", "scan"), ("options", "scan"), ("during", "scan"), ("for", "redis") })
            if (node.Get(only.Item1) is not null && action != only.Item2) throw node.Error(only.Item1, $"{only.Item1}: belongs to a {only.Item2} step");
        var value = node.Require(action);
        return action switch
        {
            "scan" => inside ? throw node.Error("scan", "a scan cannot run inside another scan's during:; put it after") : Scan(node, value),
            "move" => Move(node, value, after),
            "align" => inside ? throw node.Error("align", "align: moves a motor after its scan; put it after the scan") : Align(node, value),
            "wait" => new WaitStep(node, after, Seconds(value)),
            "set" => State(value, after, names),
            "clock" => Clock(node, value, after),
            "fault" => new FaultStep(node, after, FaultSchema.Read(value, names.Beamline.Controllers, _faults++), null),
            "clear_fault" => new FaultStep(node, after, null, value.AsString()),
            "redis" => new RedisStep(node, after, Enum.Parse<RedisAction>(value.AsChoice("pause", "resume", "restart"), ignoreCase: true),
                node.Get("for") is null ? null : node.Seconds("for", 0)),
            "queue" => new QueueStep(node, after, value.AsChoice("pause", "resume", "abort", "halt").ToLowerInvariant() switch
            {
                "pause" => QueueModificationAction.Pause,
                "resume" => QueueModificationAction.Continue,
                "abort" => QueueModificationAction.Abort,
                _ => QueueModificationAction.Halt,
            }),
            _ => throw node.Error(action, "unknown step"),
        };
    }

    private ScanStep Scan(ConfigNode node, ConfigNode value)
    {
        var words = value.AsString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw value.Error(null, "write the scan as on the command line, e.g. line_scan tx -1 1 21 0.1");
        var options = new Dictionary<string, BecValue>(StringComparer.Ordinal);
        if (node.Get("options") is { } o)
        {
            if (!o.IsMapping) throw o.Error(null, "options: is a mapping of BEC keyword arguments, e.g. {relative: true, snake: true}");
            foreach (var key in o.Keys) options[key] = Bec(o.Require(key));
        }
        ScanRequest request;
        try { request = ScanRequest.Parse(words[0], words[1..], options); }
        catch (ScanParameterException e) { throw value.Error(null, e.Message); }
        foreach (var axis in Motors(request)) names.Axis(axis, value);
        _scans++;
        var name = node.String("name") ?? $"scan{_scans}";
        if (!_scanNames.Add(name)) throw node.Error("name", $"scan name '{name}' is used twice; give each scan its own name:");
        var during = node.Get("during") is { } d
            ? d.IsSequence ? d.Items().Select(n => Read(n, inside: true)).ToList() : throw d.Error(null, "during: is a list of steps")
            : [];
        return new ScanStep(node, name, request, during);
    }

    private MoveStep Move(ConfigNode node, ConfigNode value, int? after)
    {
        if (!value.IsMapping) throw value.Error(null, "move: maps axes to positions, e.g. {tx: 0.3, ty: 0}");
        var targets = value.Keys.Select(k => (names.Axis(k, value.Require(k)), value.RequireDouble(k))).ToList();
        if (targets.Count == 0) throw value.Error(null, "name at least one axis to move");
        return new MoveStep(node, after, targets);
    }

    private AlignStep Align(ConfigNode node, ConfigNode value)
    {
        if (!value.IsMapping) throw value.Error(null, "align: is {scan: <name>, channel: <stream>, motor: <axis>, fit: gaussian|centroid|edge}");
        value.ExpectOnly(ScenarioKeys.Align);
        var scan = value.RequireString("scan");
        if (!_scanNames.Contains(scan)) throw value.Error("scan", $"no scan '{scan}' before this step{Names.Hint(scan, _scanNames)}; scans so far: {string.Join(", ", _scanNames)}");
        var motor = names.Axis(value.Require("motor"));
        var shape = value.Get("fit") is { } f ? Enum.Parse<FitShape>(f.AsChoice("gaussian", "centroid", "edge"), ignoreCase: true) : FitShape.Gaussian;
        return new AlignStep(node, scan, value.RequireString("channel"), motor, shape);
    }

    private static ClockStep Clock(ConfigNode node, ConfigNode value, int? after)
    {
        if (value.IsScalar)
            return new ClockStep(node, after, Enum.Parse<ClockAction>(value.AsChoice("pause", "resume"), ignoreCase: true), 0);
        value.ExpectOnly(ScenarioKeys.Clock);
        if (value.Get("rate") is { } r)
            return r.AsDouble() is var rate and >= 0.01 and <= 10_000 ? new ClockStep(node, after, ClockAction.Rate, rate) : throw r.Error(null, "a rate is 0.01…10000");
        return new ClockStep(node, after, ClockAction.Step, value.Seconds("step", 0).TotalSeconds);
    }

    /// <summary>A control-API setting: <c>{device: tx, forward_limit: true}</c>.</summary>
    public static StateStep State(ConfigNode value, int? after, Names names)
    {
        if (!value.IsMapping) throw value.Error(null, "set: is {device: <name>, <key>: <value> …}, e.g. {device: tx, forward_limit: true}");
        var device = names.Device(value.Require("device"));
        var values = value.Keys.Where(k => k != "device").Select(k => (k, value.Require(k).AsString())).ToList();
        if (values.Count == 0) throw value.Error(null, $"name what to set on {device}, e.g. position: 1000 (testbed twin ctl get {device} lists the keys)");
        return new StateStep(value, after, device, values);
    }

    private static TimeSpan Seconds(ConfigNode value)
    {
        var s = value.AsDouble();
        return s is >= 0 and <= ConfigNode.MaxSeconds ? TimeSpan.FromSeconds(s) : throw value.Error(null, $"a wait is 0…{ConfigNode.MaxSeconds:G} seconds");
    }

    private static BecValue Bec(ConfigNode n)
    {
        var text = n.AsString();
        if (bool.TryParse(text, out var b)) return b;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return text;
    }

    private static IEnumerable<string> Motors(ScanRequest request) =>
        request.Args is BecMap m ? m.Entries.Select(e => e.Key.AsString()) : [];
}
