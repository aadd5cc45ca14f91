using Testbed.Bec.Values;

namespace Testbed.Scans.DeviceServer.Devices;

/// <summary>Builds the parts of a DeviceInfoMessage.info as ophyd devices describe themselves (recorded, fixture 01): one entry per
/// signal (component_name, signal_class, obj_name, kind, describe, metadata), the read and configuration describes, hints.</summary>
public sealed class DeviceDescription(string deviceClass, string baseClass)
{
    private readonly BecMap _signals = [];
    private readonly BecMap _describe = [];
    private readonly BecMap _configuration = [];
    private readonly List<string> _hinted = [];

    /// <summary>ophyd Kind: hinted (5) and normal (1) signals are read, config (2) ones read as configuration, omitted (0) neither.</summary>
    public DeviceDescription Add(string component, string objName, string kind, string dtype, bool writable, params int[] shape)
    {
        var describe = new BecMap
        {
            ["source"] = $"TESTBED:{objName}", ["dtype"] = dtype, ["shape"] = new BecList(shape.Select(s => (BecValue)s)), ["precision"] = 3,
        };
        _signals.Add(component, new BecMap
        {
            ["component_name"] = component,
            ["signal_class"] = writable ? "SetableSignal" : "ReadOnlySignal",
            ["obj_name"] = objName,
            ["kind_int"] = kind switch { "hinted" => 5, "normal" => 1, "config" => 2, _ => 0 },
            ["kind_str"] = kind,
            ["doc"] = "",
            ["describe"] = describe,
            ["metadata"] = new BecMap
            {
                ["connected"] = true, ["read_access"] = true, ["write_access"] = writable, ["timestamp"] = BecValue.Nil,
                ["status"] = BecValue.Nil, ["severity"] = BecValue.Nil, ["precision"] = BecValue.Nil,
            },
            ["labels"] = new BecList(),
        });
        if (kind is "hinted" or "normal") _describe.Add(objName, describe);
        if (kind == "config") _configuration.Add(objName, describe);
        if (kind == "hinted") _hinted.Add(objName);
        return this;
    }

    /// <summary>The info map; <paramref name="egu"/> goes into describe_configuration (null: none, as ophyd writes).</summary>
    public BecMap Build(string? egu, bool? readAccess = null, bool? writeAccess = null)
    {
        var configuration = new BecMap(_configuration) { ["egu"] = egu };
        return new BecMap
        {
            ["device_attr_name"] = "",
            ["device_base_class"] = baseClass,
            ["device_class"] = deviceClass,
            ["ownership_mode"] = baseClass == "signal" ? "free" : "claimable",
            ["read_access"] = readAccess is { } r ? r : BecValue.Nil,
            ["write_access"] = writeAccess is { } w ? w : BecValue.Nil,
            ["signals"] = _signals,
            ["hints"] = new BecMap { ["fields"] = new BecList(_hinted.Select(h => (BecValue)h)) },
            ["describe"] = _describe,
            ["describe_configuration"] = configuration,
            ["sub_devices"] = new BecList(),
            ["custom_user_access"] = new BecMap(),
        };
    }

    /// <summary>A config entry of <c>info/devices/config</c>, keys in the recorded order; a disabled device's reason (its driver
    /// failed at start) is kept in <c>deviceConfig.disabled_reason</c>.</summary>
    public static BecMap ConfigEntry(string name, string deviceClass, string readoutPriority, BecMap deviceConfig, string tag, bool enabled, bool? softwareTrigger = null,
        string? disabledReason = null)
    {
        if (!enabled && disabledReason is not null) deviceConfig.Set("disabled_reason", disabledReason);
        var entry = new BecMap
        {
            ["readoutPriority"] = readoutPriority,
            ["deviceClass"] = deviceClass,
            ["deviceConfig"] = deviceConfig,
            ["deviceTags"] = new BecList([tag]),
            ["enabled"] = enabled,
            ["readOnly"] = false,
        };
        if (softwareTrigger is { } s) entry.Add("softwareTrigger", s);
        entry.Add("name", name);
        return entry;
    }
}
