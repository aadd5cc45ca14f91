using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Scans;

/// <summary>A file being written (<c>info/public/&lt;scan_id&gt;/file/&lt;name&gt;</c>, <c>info/public/file_event/&lt;name&gt;</c>).</summary>
/// <remarks>A Python client's ScanReport.wait() waits for done=True on a file whose name contains <c>_master</c>.</remarks>
public sealed class FileMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(FileMessage),
    [
        Required("file_path", Str),
        Required("done", Bool),
        Required("successful", Bool),
        WithDefault("is_master_file", Bool, static () => false),
        Optional("device_name", Union(Str, StrList)),
        WithDefault("file_type", Str, static () => "h5"),
        Optional("hinted_h5_entries", DictOf(Str)),
    ]);

    public FileMessage()
        : base(Definition, null)
    {
    }

    internal FileMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string FilePath { get => GetStr("file_path"); set => SetField("file_path", value); }

    public bool Done { get => GetBool("done"); set => SetField("done", value); }

    public bool Successful { get => GetBool("successful"); set => SetField("successful", value); }

    public bool IsMasterFile { get => GetBool("is_master_file"); set => SetField("is_master_file", value); }

    /// <summary>A device name, names, or None.</summary>
    public BecValue DeviceName { get => Get("device_name"); set => SetField("device_name", value); }

    public string FileType { get => GetStr("file_type"); set => SetField("file_type", value); }

    /// <summary>entry name → path inside the file, linked under the device's entry in the master file.</summary>
    public BecMap? HintedH5Entries { get => GetMapOrNull("hinted_h5_entries"); set => SetField("hinted_h5_entries", value); }
}

/// <summary>The data a master file was written from (<c>internal/internal/file_content</c>, EX 3600).</summary>
public sealed class FileContentMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(FileContentMessage),
    [
        Required("file_path", Str),
        Required("data", Dict),
        Required("scan_info", Dict),
    ]);

    public FileContentMessage()
        : base(Definition, null)
    {
    }

    internal FileContentMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string FilePath { get => GetStr("file_path"); set => SetField("file_path", value); }

    public BecMap Data { get => GetMap("data"); set => SetField("data", value); }

    public BecMap ScanInfo { get => GetMap("scan_info"); set => SetField("scan_info", value); }
}

/// <summary>A finished scan (<c>info/scans/scan_history</c> stream, MAXLEN ~10000).</summary>
public sealed class ScanHistoryMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanHistoryMessage),
    [
        Required("scan_id", Str),
        Required("scan_number", Int),
        Required("dataset_number", Int),
        Required("file_path", Str),
        Required("exit_status", WireEnum<ScanExitStatus>.Literal),
        Optional("reason", WireEnum<ScanStatusReason>.Literal),
        Required("start_time", Float),
        Required("end_time", Float),
        Required("scan_name", Str),
        Optional("num_points", Int),
        Optional("num_monitored_readouts", Int),
        Optional("request_inputs", Dict),
        Optional("stored_data_info", DictOf(DictOf(Struct(static () => Scans.StoredDataInfo.Definition)))),
    ]);

    public ScanHistoryMessage()
        : base(Definition, null)
    {
    }

    internal ScanHistoryMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string ScanId { get => GetStr("scan_id"); set => SetField("scan_id", value); }

    public long ScanNumber { get => GetInt("scan_number"); set => SetField("scan_number", value); }

    public long DatasetNumber { get => GetInt("dataset_number"); set => SetField("dataset_number", value); }

    public string FilePath { get => GetStr("file_path"); set => SetField("file_path", value); }

    public ScanExitStatus ExitStatus { get => GetEnum<ScanExitStatus>("exit_status"); set => SetEnum("exit_status", value); }

    public ScanStatusReason? Reason { get => GetEnumOrNull<ScanStatusReason>("reason"); set => SetEnum("reason", value); }

    public double StartTime { get => GetFloat("start_time"); set => SetField("start_time", value); }

    public double EndTime { get => GetFloat("end_time"); set => SetField("end_time", value); }

    public string ScanName { get => GetStr("scan_name"); set => SetField("scan_name", value); }

    public long? NumPoints { get => GetIntOrNull("num_points"); set => SetField("num_points", value is { } v ? v : Nil); }

    public long? NumMonitoredReadouts { get => GetIntOrNull("num_monitored_readouts"); set => SetField("num_monitored_readouts", value is { } v ? v : Nil); }

    public BecMap? RequestInputs { get => GetMapOrNull("request_inputs"); set => SetField("request_inputs", value); }

    /// <summary>device → signal → <see cref="StoredDataInfo"/> (each a BaseModel envelope on the wire).</summary>
    public BecMap? StoredDataInfo { get => GetMapOrNull("stored_data_info"); set => SetField("stored_data_info", value); }
}

/// <summary>Shape and dtype of one stored signal (BEC's <c>_StoredDataInfo</c> model).</summary>
public sealed class StoredDataInfo : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model("_StoredDataInfo",
    [
        WithDefault("shape", ListOf(Int), static () => new BecList()),
        Optional("dtype", Str),
    ]);

    public StoredDataInfo()
        : base(Definition, null)
    {
    }

    internal StoredDataInfo(BecMap fields)
        : base(Definition, fields)
    {
    }

    public IReadOnlyList<long> Shape
    {
        get => [.. GetList("shape").Select(v => v.AsInt64())];
        set => SetField("shape", new BecList(value.Select(d => (BecValue)d)));
    }

    /// <summary>numpy dtype name, e.g. float64, uint32.</summary>
    public string? DType { get => GetStrOrNull("dtype"); set => SetField("dtype", value); }
}
