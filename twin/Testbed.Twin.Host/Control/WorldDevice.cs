using System.Globalization;
using Testbed.Twin.World;

namespace Testbed.Twin.Host.Control;

/// <summary>The beamline world: source level, signals, the positions it reads, sample offsets and the sample/rocking responses.</summary>
/// <remarks>Keys are flat and dotted, as the command line types them: <c>intensity</c>, <c>offset.tx</c>, <c>sample.0.centre</c>.</remarks>
public sealed class WorldDevice(string name, BeamlineWorld world) : ControlledDevice
{
    private static readonly string[] Parameters = ["centre", "width", "height", "background"];

    public override string Name => name;

    public override string Kind => "world";

    public override string Address => "";

    public override string Description => "the beamline world (source, slits, sample, rocking curve)";

    public override IReadOnlyList<string> SettableKeys =>
    [
        "intensity",
        .. world.Settings.Axes.Select(a => $"offset.{a}"),
        .. BeamlineWorld.ResponseGroups.SelectMany(g => world.Responses(g).SelectMany((_, i) => Parameters.Select(p => $"{g}.{i}.{p}"))),
    ];

    public override IReadOnlyDictionary<string, object?> State()
    {
        var snapshot = world.Snapshot();
        var offsets = world.SampleOffsets;
        var state = new Dictionary<string, object?>
        {
            ["time_s"] = snapshot.Time.TotalSeconds,
            ["intensity"] = world.Source.Level,
        };
        foreach (var (signal, value) in snapshot.Signals) state[$"signal.{signal}"] = value;
        foreach (var (axis, value) in snapshot.Positions) state[$"position.{axis}"] = value;
        foreach (var axis in world.Settings.Axes) state[$"offset.{axis}"] = offsets.GetValueOrDefault(axis);
        foreach (var group in BeamlineWorld.ResponseGroups)
        {
            var responses = world.Responses(group);
            for (var i = 0; i < responses.Count; i++)
            {
                var r = responses[i];
                state[$"{group}.{i}.shape"] = r.Shape.ToString().ToLowerInvariant();
                state[$"{group}.{i}.along"] = string.Join(",", r.Axes);
                foreach (var p in Parameters) state[$"{group}.{i}.{p}"] = Get(r, p);
            }
        }
        return state;
    }

    public override void Set(string key, ControlValue value)
    {
        if (key == "intensity")
        {
            var level = value.AsDouble(key);
            if (level < 0) throw new ControlException(ControlProblem.BadValue, $"intensity: {value} is negative; 1 is the nominal beam, 0 no beam");
            world.Source.Level = level;
            return;
        }
        var parts = key.Split('.');
        if (parts is ["offset", var axis] && world.Settings.Axes.Contains(axis))
        {
            world.SetSampleOffset(axis, value.AsDouble(key));
            return;
        }
        if (parts is [var group, var index, var parameter] && BeamlineWorld.ResponseGroups.Contains(group) && Parameters.Contains(parameter)
            && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < world.Responses(group).Count)
        {
            var r = world.Responses(group)[i];
            var v = value.AsDouble(key);
            if (parameter == "width" && !(v > 0)) throw new ControlException(ControlProblem.BadValue, $"{key}: a width must be positive, not {value}");
            world.SetResponse(group, i, parameter switch
            {
                "centre" => r with { Centre = v },
                "width" => r with { Width = v },
                "height" => r with { Height = v },
                _ => r with { Background = v },
            });
            return;
        }
        throw UnknownKey(key);
    }

    private static double Get(Response r, string parameter) => parameter switch
    {
        "centre" => r.Centre,
        "width" => r.Width,
        "height" => r.Height,
        _ => r.Background,
    };
}
