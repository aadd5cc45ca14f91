using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Devices;

/// <summary>A device's status int (<c>info/devices/status/…</c>: 1 moving, 0 idle; <c>staged/…</c>).</summary>
public sealed class DeviceStatusMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceStatusMessage),
    [
        Required("device", Str),
        Required("status", Int),
    ]);

    public DeviceStatusMessage()
        : base(Definition, null)
    {
    }

    internal DeviceStatusMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public long Status { get => GetInt("status"); set => SetField("status", value); }
}

/// <summary>Outcome of a request that asked for it (<c>info/devices/req_status/&lt;RID&gt;</c> stream; umv's set).</summary>
public sealed class DeviceReqStatusMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceReqStatusMessage),
    [
        Required("device", Str),
        Required("success", Bool),
        Required("request_id", Str),
    ]);

    public DeviceReqStatusMessage()
        : base(Definition, null)
    {
    }

    internal DeviceReqStatusMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public bool Success { get => GetBool("success"); set => SetField("success", value); }

    /// <summary>= the request's RID.</summary>
    public string RequestId { get => GetStr("request_id"); set => SetField("request_id", value); }
}

/// <summary>Result of a device RPC (<c>info/devices/rpc/&lt;rpc_id&gt;</c>, EX 1800); for read, return_val is the signals map and out "".</summary>
public sealed class DeviceRPCMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceRPCMessage),
    [
        Required("device", Str),
        Required("return_val", Any),
        Required("out", Union(Str, Dict)),
        WithDefault("success", Bool, static () => true),
    ]);

    public DeviceRPCMessage()
        : base(Definition, null)
    {
    }

    internal DeviceRPCMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public BecValue ReturnVal { get => Get("return_val"); set => SetField("return_val", value); }

    /// <summary>Captured output: a str, a dict, or an ErrorInfo on failure.</summary>
    public BecValue Out { get => Get("out"); set => SetField("out", value); }

    public bool Success { get => GetBool("success"); set => SetField("success", value); }
}
