using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Devices;

/// <summary>A change of the device configuration.</summary>
public enum ConfigAction
{
    Add,
    Set,
    Update,
    Reload,
    Remove,
    Reset,
    Cancel,
}

/// <summary>A device-config request or broadcast (<c>user/devices/config_request</c>, <c>internal/devices/device_server_config_update</c>, <c>info/devices/config_update</c>).</summary>
/// <remarks>Recorded: the client sends set with {name: config}; SciHub forwards reload; the broadcast is reload with {}.</remarks>
public sealed class DeviceConfigMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceConfigMessage),
    [
        Optional("action", WireEnum<ConfigAction>.Literal),
        Optional("config", Dict),
    ],
        static f => f.GetOrNull("action") is BecStr { Value: "add" or "set" or "update" } a
                    && FieldTypes.AsDict(f.GetOrNull("config") ?? Nil) is not { Count: > 0 }
            ? $"action '{a.Value}' needs a non-empty config"
            : null);

    public DeviceConfigMessage()
        : base(Definition, null)
    {
    }

    internal DeviceConfigMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public ConfigAction? Action { get => GetEnumOrNull<ConfigAction>("action"); set => SetEnum("action", value); }

    public BecMap? Config { get => GetMapOrNull("config"); set => SetField("config", value); }
}

/// <summary>A device's interface description (<c>info/devices/info/&lt;dev&gt;</c>); clients build their device objects from it (spec §4.3).</summary>
public sealed class DeviceInfoMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceInfoMessage),
    [
        Required("device", Str),
        Required("info", Dict),
    ]);

    public DeviceInfoMessage()
        : base(Definition, null)
    {
    }

    internal DeviceInfoMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    /// <summary>device_attr_name, device_base_class, device_class, ownership_mode, read_access, write_access, signals, hints, describe, …</summary>
    public BecMap Info { get => GetMap("info"); set => SetField("info", value); }
}

/// <summary>Progress of a config load (<c>info/devices/initialization_progress</c>, twice per device).</summary>
public sealed class DeviceInitializationProgressMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceInitializationProgressMessage),
    [
        Required("device", Str),
        Required("finished", Bool),
        Required("success", Bool),
        Required("index", Int),
        Required("total", Int),
    ]);

    public DeviceInitializationProgressMessage()
        : base(Definition, null)
    {
    }

    internal DeviceInitializationProgressMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public bool Finished { get => GetBool("finished"); set => SetField("finished", value); }

    public bool Success { get => GetBool("success"); set => SetField("success", value); }

    public long Index { get => GetInt("index"); set => SetField("index", value); }

    public long Total { get => GetInt("total"); set => SetField("total", value); }
}
