using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Control;

/// <summary>One device as the control API sees it: its simulated state as named values, the keys that can be set, its wire metrics.</summary>
/// <remarks>One subclass per device family, built from its endpoint in <see cref="ControlledDevices"/>; it reads and changes the
/// model only through the model's own (locked) members.</remarks>
public abstract class ControlledDevice
{
    /// <summary>The controller name of the beamline file (the world: its entry's name).</summary>
    public abstract string Name { get; }

    /// <summary><c>axis</c>, <c>counter</c>, <c>detector</c> or <c>world</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Where clients reach it on its device protocol (empty for the world).</summary>
    public abstract string Address { get; }

    public abstract string Description { get; }

    /// <summary>The keys <see cref="Set"/> takes.</summary>
    public abstract IReadOnlyList<string> SettableKeys { get; }

    /// <summary>The state now, key → value (numbers, booleans, strings, lists of strings).</summary>
    public abstract IReadOnlyDictionary<string, object?> State();

    /// <summary>Sets one key; refusals throw <see cref="ControlException"/>.</summary>
    public abstract void Set(string key, ControlValue value);

    /// <summary>The requests of its device protocol, or null (the world has no wire).</summary>
    public virtual EndpointMetrics? Metrics => null;

    /// <summary>The refusal of a key this device does not have.</summary>
    protected ControlException UnknownKey(string key) => new(ControlProblem.NotFound, SettableKeys.Count == 0
        ? $"{Kind} '{Name}' has no settable state; read it with GET /api/devices/{Name}"
        : $"{Kind} '{Name}' has no settable key '{key}'; keys: {string.Join(", ", SettableKeys)}");
}
