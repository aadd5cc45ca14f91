using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Devices;

/// <summary>A device reading (<c>info/devices/read/…</c>, <c>readback</c>, <c>read_configuration</c>, <c>limits</c>, async streams):
/// <c>signals = {signal: {"value": v, "timestamp": t}}</c>.</summary>
/// <remarks>Each signal's dict may hold only <c>value</c> and <c>timestamp</c> (limits carry only value). A metadata
/// <c>async_update</c> must be a valid <see cref="DeviceAsyncUpdate"/>.</remarks>
public sealed class DeviceMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(DeviceMessage),
    [
        Required("signals", DictOf(DictOf(Any, Literal("value", "timestamp")))),
    ],
        static f => FieldTypes.AsDict(f.GetOrNull("metadata") ?? Nil) is { } meta && meta.GetOrNull(MetadataKeys.AsyncUpdate) is { } update
            ? Struct(static () => DeviceAsyncUpdate.Definition).Check(update, "metadata.async_update")
            : null);

    public DeviceMessage()
        : base(Definition, null)
    {
    }

    internal DeviceMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>signal name → <c>{"value", "timestamp"}</c>.</summary>
    public BecMap Signals { get => GetMap("signals"); set => SetField("signals", value); }

    /// <summary>Adds (or replaces) one signal reading; without a timestamp only the value is sent, as BEC's limits are.</summary>
    public DeviceMessage WithSignal(string signal, BecValue value, double? timestamp = null)
    {
        if (!Fields.ContainsKey("signals")) Signals = new BecMap();
        var reading = new BecMap { ["value"] = value };
        if (timestamp is { } t) reading["timestamp"] = t;
        Signals[signal] = reading;
        return this;
    }
}

/// <summary>How async data is aggregated into a dataset.</summary>
public enum AsyncUpdateType
{
    Add,
    AddSlice,
    Replace,
}

/// <summary>BEC's DeviceAsyncUpdate model (<c>metadata.async_update</c> of async readings).</summary>
public sealed class DeviceAsyncUpdate : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(DeviceAsyncUpdate),
    [
        Required("type", WireEnum<AsyncUpdateType>.Literal),
        Optional("max_shape", ListOf(Nullable(Int))),
        Optional("index", Int),
    ],
        CheckShape);

    public DeviceAsyncUpdate()
        : base(Definition, null)
    {
    }

    internal DeviceAsyncUpdate(BecMap fields)
        : base(Definition, fields)
    {
    }

    public AsyncUpdateType Type { get => GetEnum<AsyncUpdateType>("type"); set => SetEnum("type", value); }

    /// <summary>Dimensions, null = unlimited (only leading ones).</summary>
    public IReadOnlyList<long?>? MaxShape
    {
        get => GetListOrNull("max_shape")?.Select(v => v is BecNil ? (long?)null : v.AsInt64()).ToList();
        set => SetField("max_shape", value is null ? Nil : new BecList(value.Select(d => d is { } x ? (BecValue)x : Nil)));
    }

    public long? Index { get => GetIntOrNull("index"); set => SetField("index", value is { } i ? i : Nil); }

    private static string? CheckShape(BecMap f)
    {
        var type = f.GetOrNull("type") is BecStr s ? s.Value : "";
        var shape = f.GetOrNull("max_shape") as BecList;
        if (type is "add" or "add_slice" && (shape is null || shape.Count == 0))
            return $"max_shape is required and cannot be empty for async update type '{type}'";
        if (shape is not null)
        {
            var seenDim = false;
            for (var i = 0; i < shape.Count; i++)
            {
                if (shape[i] is BecInt d)
                {
                    if (d.AsDouble() <= 0) return $"max_shape {shape.Describe(40)}: dimension {i} must be a positive integer";
                    seenDim = true;
                }
                else if (seenDim)
                {
                    return $"max_shape {shape.Describe(40)}: None (unlimited) dimensions may only come first";
                }
            }
            if (!seenDim && shape.Count > 2) return $"max_shape {shape.Describe(40)}: at most 2 dimensions when all are None";
        }
        if (type == "add_slice")
        {
            if (f.GetOrNull("index") is not BecInt index) return "index is required for async update type 'add_slice'";
            if (index.AsDouble() < -1) return $"index must be >= -1 for 'add_slice', got {index.Describe()}";
            if (shape is not null && shape.Count > 2) return $"max_shape of 'add_slice' has at most two dimensions, got {shape.Count}";
        }
        return null;
    }
}
