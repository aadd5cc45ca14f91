using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Devices;

/// <summary>A detector frame for live views (<c>info/devices/monitor2d/&lt;dev&gt;</c> stream, MAXLEN ~100): 2-D or H×W×3 (RGB).</summary>
/// <remarks>BEC defaults timestamp to time.time(); here it is set by the sender, from its TimeProvider.</remarks>
public sealed class DeviceMonitor2DMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceMonitor2DMessage),
    [
        Required("device", Str),
        Required("data", Custom("np.ndarray (2-D or H×W×3)", static (v, path) => v switch
        {
            NdArray { NDim: 2 } => null,
            NdArray { NDim: 3 } a when a.Shape[2] == 3 => null,
            NdArray a => $"{path}: a {a.NDim}-D array of shape [{string.Join(", ", a.Shape)}]; must be 2-D, or 3-D with 3 colour planes last",
            _ => $"{path}: expected np.ndarray, got {v.Describe(60)}",
        })),
        Required("timestamp", Float),
    ]);

    public DeviceMonitor2DMessage()
        : base(Definition, null)
    {
    }

    internal DeviceMonitor2DMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public NdArray Data { get => Read("data", v => v as NdArray ?? throw new BecValueException($"expected ndarray, got {v.Describe(40)}")); set => SetField("data", value); }

    /// <summary>Seconds since the Unix epoch.</summary>
    public double Timestamp { get => GetFloat("timestamp"); set => SetField("timestamp", value); }
}

/// <summary>A 1-D trace for live views (<c>info/devices/monitor1d/&lt;dev&gt;</c> stream).</summary>
public sealed class DeviceMonitor1DMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceMonitor1DMessage),
    [
        Required("device", Str),
        Required("data", Custom("np.ndarray (1-D)", static (v, path) => v switch
        {
            NdArray { NDim: 1 } => null,
            NdArray a => $"{path}: a {a.NDim}-D array; must be 1-D",
            _ => $"{path}: expected np.ndarray, got {v.Describe(60)}",
        })),
        Required("timestamp", Float),
    ]);

    public DeviceMonitor1DMessage()
        : base(Definition, null)
    {
    }

    internal DeviceMonitor1DMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public NdArray Data { get => Read("data", v => v as NdArray ?? throw new BecValueException($"expected ndarray, got {v.Describe(40)}")); set => SetField("data", value); }

    public double Timestamp { get => GetFloat("timestamp"); set => SetField("timestamp", value); }
}

/// <summary>A reduced-rate preview of a signal (<c>info/devices/preview/&lt;dev&gt;/&lt;signal&gt;</c> stream).</summary>
public sealed class DevicePreviewMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DevicePreviewMessage),
    [
        Required("device", Str),
        Required("signal", Str),
        Required("data", NdArrayType),
        Required("timestamp", Float),
    ]);

    public DevicePreviewMessage()
        : base(Definition, null)
    {
    }

    internal DevicePreviewMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Device { get => GetStr("device"); set => SetField("device", value); }

    public string Signal { get => GetStr("signal"); set => SetField("signal", value); }

    public NdArray Data { get => Read("data", v => v as NdArray ?? throw new BecValueException($"expected ndarray, got {v.Describe(40)}")); set => SetField("data", value); }

    public double Timestamp { get => GetFloat("timestamp"); set => SetField("timestamp", value); }
}
