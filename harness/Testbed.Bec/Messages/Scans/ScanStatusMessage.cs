using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Scans;

/// <summary>A scan's status (<c>info/scans/scan_status</c> SET+PUB, <c>info/public/&lt;scan_id&gt;/scan_info</c>).</summary>
/// <remarks>Recorded: the message's own metadata is {}; the request metadata sits in info["metadata"]; num_monitored_readouts
/// is already set at open. BEC defaults timestamp to time.time(); here the sender sets it from its TimeProvider.</remarks>
public sealed class ScanStatusMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanStatusMessage),
    [
        Required("scan_id", Nullable(Str)),
        Required("status", WireEnum<ScanStatus>.Literal),
        Optional("reason", WireEnum<ScanStatusReason>.Literal),
        Optional("scan_number", Int),
        Optional("session_id", Str),
        Optional("num_points", Int),
        WithDefault("num_monitored_readouts", Nullable(Int), static () => 0),
        Optional("scan_name", Str),
        Optional("scan_type", WireEnum<ScanType>.Literal),
        Optional("dataset_number", Int),
        Optional("scan_report_devices", StrList),
        Optional("user_metadata", Dict),
        Optional("readout_priority", DictOf(StrList, ScanLiterals.ReadoutPriorities)),
        WithDefault("scan_parameters", Dict, static () => new BecMap()),
        WithDefault("request_inputs", DictOf(Any, Literal("arg_bundle", "inputs", "kwargs")), static () => new BecMap()),
        Required("info", Dict),
        Required("timestamp", Float),
    ]);

    public ScanStatusMessage()
        : base(Definition, null)
    {
    }

    internal ScanStatusMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string? ScanId { get => GetStrOrNull("scan_id"); set => SetField("scan_id", value); }

    public ScanStatus Status { get => GetEnum<ScanStatus>("status"); set => SetEnum("status", value); }

    public ScanStatusReason? Reason { get => GetEnumOrNull<ScanStatusReason>("reason"); set => SetEnum("reason", value); }

    public long? ScanNumber { get => GetIntOrNull("scan_number"); set => SetField("scan_number", value is { } v ? v : Nil); }

    public string? SessionId { get => GetStrOrNull("session_id"); set => SetField("session_id", value); }

    public long? NumPoints { get => GetIntOrNull("num_points"); set => SetField("num_points", value is { } v ? v : Nil); }

    public long? NumMonitoredReadouts { get => GetIntOrNull("num_monitored_readouts"); set => SetField("num_monitored_readouts", value is { } v ? v : Nil); }

    public string? ScanName { get => GetStrOrNull("scan_name"); set => SetField("scan_name", value); }

    public ScanType? ScanType { get => GetEnumOrNull<ScanType>("scan_type"); set => SetEnum("scan_type", value); }

    public long? DatasetNumber { get => GetIntOrNull("dataset_number"); set => SetField("dataset_number", value is { } v ? v : Nil); }

    public IReadOnlyList<string>? ScanReportDevices { get => GetListOrNull("scan_report_devices")?.AsStrings(); set => SetStrings("scan_report_devices", value); }

    public BecMap? UserMetadata { get => GetMapOrNull("user_metadata"); set => SetField("user_metadata", value); }

    /// <summary>The resolved device lists: {monitored, baseline, async, continuous, on_request}.</summary>
    public BecMap? ReadoutPriority { get => GetMapOrNull("readout_priority"); set => SetField("readout_priority", value); }

    /// <summary>exp_time, frames_per_trigger, settling_time, readout_time, relative, system_config, …</summary>
    public BecMap ScanParameters { get => GetMap("scan_parameters"); set => SetField("scan_parameters", value); }

    /// <summary>{arg_bundle (a flat list), inputs, kwargs}.</summary>
    public BecMap RequestInputs { get => GetMap("request_inputs"); set => SetField("request_inputs", value); }

    /// <summary>Everything again, with positions, file_components, monitor_sync and the request metadata.</summary>
    public BecMap Info { get => GetMap("info"); set => SetField("info", value); }

    /// <summary>Seconds since the Unix epoch.</summary>
    public double Timestamp { get => GetFloat("timestamp"); set => SetField("timestamp", value); }
}
