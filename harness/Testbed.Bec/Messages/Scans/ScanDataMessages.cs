using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Scans;

/// <summary>One bundled scan point (<c>info/public/&lt;scan_id&gt;/scan_segment/&lt;point_id&gt;</c>; inside a <see cref="BundleMessage"/> on
/// <c>info/scans/scan_segment</c>): <c>data = {device: {signal: {value, timestamp}}}</c>; metadata scan_id, scan_type, scan_report_devices.</summary>
public sealed class ScanMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanMessage),
    [
        Required("point_id", Int),
        Required("scan_id", Str),
        Required("data", Dict),
    ]);

    public ScanMessage()
        : base(Definition, null)
    {
    }

    internal ScanMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public long PointId { get => GetInt("point_id"); set => SetField("point_id", value); }

    public string ScanId { get => GetStr("scan_id"); set => SetField("scan_id", value); }

    public BecMap Data { get => GetMap("data"); set => SetField("data", value); }
}

/// <summary>The baseline readings of a scan (<c>info/scans/scan_baseline</c>, <c>info/public/&lt;scan_id&gt;/scan_baseline</c>); metadata = the scan info.</summary>
public sealed class ScanBaselineMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanBaselineMessage),
    [
        Required("scan_id", Str),
        Required("data", Dict),
    ]);

    public ScanBaselineMessage()
        : base(Definition, null)
    {
    }

    internal ScanBaselineMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string ScanId { get => GetStr("scan_id"); set => SetField("scan_id", value); }

    public BecMap Data { get => GetMap("data"); set => SetField("data", value); }
}

/// <summary>Several messages sent as one (the bundler's <c>info/scans/scan_segment</c>); Python clients receive it as the list of its messages.</summary>
public sealed class BundleMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(BundleMessage),
    [
        WithDefault("messages", ListOf(AnyMessage), static () => new BecList()),
    ]);

    public BundleMessage()
        : base(Definition, null)
    {
    }

    internal BundleMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public IReadOnlyList<BecMessage> Messages
    {
        get => GetStructs("messages", static f => (BecMessage)new GenericMessage("BECMessage", f));
        set => SetStructs("messages", value);
    }

    /// <summary>Appends a message to the bundle.</summary>
    public BundleMessage Add(BecMessage message)
    {
        if (Fields.GetOrNull("messages") is not BecList list)
        {
            list = new BecList();
            SetField("messages", list);
        }
        list.Add(message);
        return this;
    }
}

/// <summary>Progress of a long task (<c>info/scans/scan_progress</c>, <c>info/devices/progress/&lt;dev&gt;</c>); the bundler's metadata is
/// {scan_id, RID: "", queue_id: "", status}.</summary>
public sealed class ProgressMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ProgressMessage),
    [
        Required("value", Float),
        Required("max_value", Float),
        Required("done", Bool),
    ]);

    public ProgressMessage()
        : base(Definition, null)
    {
    }

    internal ProgressMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public double Value { get => GetFloat("value"); set => SetField("value", value); }

    public double MaxValue { get => GetFloat("max_value"); set => SetField("max_value", value); }

    public bool Done { get => GetBool("done"); set => SetField("done", value); }
}
