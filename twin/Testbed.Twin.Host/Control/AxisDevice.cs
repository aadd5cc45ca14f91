using System.Text.Json;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Control;

/// <summary>An Elmo drive twin: position in counts (as PX reports it) and in user units of its beamline-file axis, motion, switches, faults.</summary>
public sealed class AxisDevice(ElmoTwinEndpoint endpoint, AxisUnits? units) : ControlledDevice
{
    private static readonly string[] Keys = ["position", "user_position", "motor_on", "forward_limit", "reverse_limit", "fault"];

    /// <summary>The fault names <c>fault</c> takes (and <c>none</c>, which clears them).</summary>
    public static IReadOnlyList<string> FaultNames { get; } = [.. Enum.GetValues<ElmoFault>().Select(Snake)];

    private ElmoDrive Drive => endpoint.Drive;

    public override string Name => endpoint.Name;

    public override string Kind => "axis";

    public override string Address => endpoint.Address;

    public override string Description => endpoint.Description;

    public override IReadOnlyList<string> SettableKeys => units is null ? [.. Keys.Where(k => k != "user_position")] : Keys;

    public override EndpointMetrics Metrics => endpoint.Server.Metrics;

    public override IReadOnlyDictionary<string, object?> State()
    {
        var s = Drive.Snapshot();
        var position = Drive.Position;
        return new Dictionary<string, object?>
        {
            ["axis"] = units?.Axis,
            ["position"] = position,
            ["user_position"] = units?.User(position),
            ["target"] = s.Target,
            ["user_target"] = units?.User(s.Target),
            ["velocity"] = Drive.Velocity,
            ["moving"] = s.MotionStatus == 2,
            ["motion_status"] = s.MotionStatus,
            ["motor_on"] = s.MotorOn,
            ["forward_limit"] = Drive.IsInputActive(ElmoInput.ForwardLimit),
            ["reverse_limit"] = Drive.IsInputActive(ElmoInput.ReverseLimit),
            ["home_switch"] = Drive.IsInputActive(ElmoInput.MainHome),
            ["stopped_by_limit"] = s.StoppedByLimit,
            ["motor_fault"] = s.MotorFault,
            ["status_register"] = s.StatusRegister,
            ["last_error"] = (int)s.LastError,
            ["time_s"] = s.Time.TotalSeconds,
        };
    }

    public override void Set(string key, ControlValue value)
    {
        switch (key)
        {
            case "position": Place(value.AsLong(key)); break;
            case "user_position" when units is not null: Place(units.Counts(value.AsDouble(key))); break;
            case "motor_on":
                var error = value.AsBool(key) ? Drive.MotorOn() : Drive.MotorOff();
                if (error != ElmoError.None)
                    throw new ControlException(ControlProblem.Conflict, $"axis '{Name}' refuses motor on: Elmo error {(int)error} ({error}); clear the fault (set fault none) or release the inhibit first");
                break;
            case "forward_limit": Drive.SetInput(ElmoInput.ForwardLimit, value.AsBool(key)); break;
            case "reverse_limit": Drive.SetInput(ElmoInput.ReverseLimit, value.AsBool(key)); break;
            case "fault": Fault(value.Text); break;
            default: throw UnknownKey(key);
        }
    }

    private void Place(long counts)
    {
        try { Drive.PlaceAt(counts); }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ControlException(ControlProblem.BadValue, $"axis '{Name}': {e.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]}");
        }
    }

    private void Fault(string name)
    {
        if (name is "none" or "clear")
        {
            Drive.ClearFaults();
            return;
        }
        var fault = Enum.GetValues<ElmoFault>().Where(f => Snake(f) == name).Select(f => (ElmoFault?)f).FirstOrDefault()
            ?? throw new ControlException(ControlProblem.BadValue, $"fault: no Elmo fault '{name}'; faults: none, {string.Join(", ", FaultNames)}");
        Drive.InjectFault(fault);
    }

    private static string Snake(ElmoFault f) => JsonNamingPolicy.SnakeCaseLower.ConvertName(f.ToString());
}

/// <summary>The user units of a drive's axis as the beamline file defines them: user = sign · counts / steps_per_unit + offset.</summary>
public sealed record AxisUnits(string Axis, double StepsPerUnit, int Sign, double Offset)
{
    public double User(long counts) => Sign * (counts / StepsPerUnit) + Offset;

    public long Counts(double user) => (long)Math.Round((user - Offset) * StepsPerUnit * Sign, MidpointRounding.AwayFromZero);
}
