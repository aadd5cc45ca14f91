using Testbed.Twin.Host.Keithley;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Control;

/// <summary>A Keithley picoammeter twin: range, integration, zero check, the current at its input and its last reading.</summary>
public sealed class CounterDevice(KeithleyTwinEndpoint endpoint) : ControlledDevice
{
    private static readonly string[] Keys = ["current", "range", "auto_range", "zero_check"];

    private KeithleyPicoammeter Model => endpoint.Instrument.Model;

    public override string Name => endpoint.Name;

    public override string Kind => "counter";

    public override string Address => endpoint.Address;

    public override string Description => endpoint.Description;

    public override IReadOnlyList<string> SettableKeys => Keys;

    public override EndpointMetrics Metrics => endpoint.Instrument.Context.Metrics;

    public override IReadOnlyDictionary<string, object?> State()
    {
        var m = Model;
        lock (m.Gate)
        {
            return new Dictionary<string, object?>
            {
                ["model"] = m.Options.Model,
                ["range"] = m.Range,
                ["auto_range"] = m.AutoRange,
                ["nplc"] = m.Nplc,
                ["zero_check"] = m.ZeroCheck,
                ["zero_correct"] = m.ZeroCorrect,
                ["signal"] = m.Input is World.WorldCurrent w ? w.Signal : null,
                ["current"] = m.Input.MeanCurrent(m.Clock.GetUtcNow(), m.ConversionTime),
                ["last_reading"] = m.LastReading?.Value,
            };
        }
    }

    public override void Set(string key, ControlValue value)
    {
        var m = Model;
        lock (m.Gate)
        {
            switch (key)
            {
                // A constant current replaces the input: a world-coupled counter stops following the world until the twin restarts.
                case "current": m.Input = new ConstantCurrent(value.AsDouble(key)); break;
                case "range":
                    var amperes = value.AsDouble(key);
                    if (!m.TrySetRange(amperes))
                        throw new ControlException(ControlProblem.BadValue, $"range: {amperes} A is beyond the ranges {string.Join(", ", CurrentRange.Ranges)} A");
                    break;
                case "auto_range": m.AutoRange = value.AsBool(key); break;
                case "zero_check": m.ZeroCheck = value.AsBool(key); break;
                default: throw UnknownKey(key);
            }
        }
    }
}
