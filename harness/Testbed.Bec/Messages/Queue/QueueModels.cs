using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Queue;

/// <summary>One queue (BEC's ScanQueueStatus model): its items, state and locks.</summary>
public sealed class ScanQueueStatus : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(ScanQueueStatus),
    [
        Required("info", ListOf(Struct(static () => QueueInfoEntry.Definition))),
        Required("status", WireEnum<QueueStatus>.Literal),
        WithDefault("locks", ListOf(Struct(static () => ScanQueueLock.Definition)), static () => new BecList()),
    ]);

    public ScanQueueStatus()
        : base(Definition, null)
    {
    }

    internal ScanQueueStatus(BecMap fields)
        : base(Definition, fields)
    {
    }

    public IReadOnlyList<QueueInfoEntry> Info { get => GetStructs("info", f => new QueueInfoEntry(f)); set => SetStructs("info", value); }

    public QueueStatus Status { get => GetEnum<QueueStatus>("status"); set => SetEnum("status", value); }

    public IReadOnlyList<ScanQueueLock> Locks { get => GetStructs("locks", f => new ScanQueueLock(f)); set => SetStructs("locks", value); }
}

/// <summary>One queue item (BEC's QueueInfoEntry model); the lists hold one entry per request block.</summary>
public sealed class QueueInfoEntry : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(QueueInfoEntry),
    [
        Required("queue_id", Str),
        Required("scan_id", ListOf(Nullable(Str))),
        Required("is_scan", ListOf(Bool)),
        Required("request_blocks", ListOf(Struct(static () => RequestBlock.Definition))),
        Required("scan_number", ListOf(Nullable(Int))),
        Required("status", Str),
        Optional("active_request_block", Struct(static () => RequestBlock.Definition)),
        Optional("reason", WireEnum<QueueItemReason>.Literal),
    ]);

    public QueueInfoEntry()
        : base(Definition, null)
    {
    }

    internal QueueInfoEntry(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string QueueId { get => GetStr("queue_id"); set => SetField("queue_id", value); }

    /// <summary>One per request block; None for a non-scan item such as umv.</summary>
    public IReadOnlyList<string?> ScanId
    {
        get => [.. GetList("scan_id").Select(v => v is BecNil ? null : v.AsString())];
        set => SetField("scan_id", new BecList(value.Select(s => (BecValue)s)));
    }

    public IReadOnlyList<bool> IsScan
    {
        get => [.. GetList("is_scan").Select(v => v.AsBool())];
        set => SetField("is_scan", new BecList(value.Select(b => (BecValue)b)));
    }

    public IReadOnlyList<RequestBlock> RequestBlocks { get => GetStructs("request_blocks", f => new RequestBlock(f)); set => SetStructs("request_blocks", value); }

    public IReadOnlyList<long?> ScanNumber
    {
        get => [.. GetList("scan_number").Select(v => v is BecNil ? (long?)null : v.AsInt64())];
        set => SetField("scan_number", new BecList(value.Select(n => n is { } x ? (BecValue)x : Nil)));
    }

    /// <summary>A <see cref="QueueItemStatus"/> value (a free string in BEC).</summary>
    public string Status { get => GetStr("status"); set => SetField("status", value); }

    public RequestBlock? ActiveRequestBlock { get => GetStructOrNull("active_request_block", f => new RequestBlock(f)); set => SetStruct("active_request_block", value); }

    public QueueItemReason? Reason { get => GetEnumOrNull<QueueItemReason>("reason"); set => SetEnum("reason", value); }
}

/// <summary>One request in a queue item (BEC's RequestBlock model); readout_priority holds the request's modifications, not the resolved lists.</summary>
public sealed class RequestBlock : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(RequestBlock),
    [
        Required("msg", Struct(static () => ScanQueueMessage.Definition)),
        Required("RID", Str),
        Required("readout_priority", DictOf(StrList, ScanLiterals.ReadoutPriorities)),
        Required("is_scan", Bool),
        Required("scan_number", Nullable(Int)),
        Required("scan_id", Nullable(Str)),
        Optional("report_instructions", ListOf(Dict)),
        WithDefault("owned_device_locks", StrList, static () => new BecList()),
        WithDefault("pending_device_locks", StrList, static () => new BecList()),
    ]);

    public RequestBlock()
        : base(Definition, null)
    {
    }

    internal RequestBlock(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>The request (a plain map inside the model, read as a message).</summary>
    public ScanQueueMessage Msg { get => GetStruct("msg", f => new ScanQueueMessage(f)); set => SetStruct("msg", value); }

    public string Rid { get => GetStr("RID"); set => SetField("RID", value); }

    /// <summary>{baseline, monitored, on_request, async} as the request modifies them.</summary>
    public BecMap ReadoutPriority { get => GetMap("readout_priority"); set => SetField("readout_priority", value); }

    public bool IsScan { get => GetBool("is_scan"); set => SetField("is_scan", value); }

    public long? ScanNumber { get => GetIntOrNull("scan_number"); set => SetField("scan_number", value is { } v ? v : Nil); }

    public string? ScanId { get => GetStrOrNull("scan_id"); set => SetField("scan_id", value); }

    public BecList? ReportInstructions { get => GetListOrNull("report_instructions"); set => SetField("report_instructions", value); }

    public IReadOnlyList<string> OwnedDeviceLocks { get => GetList("owned_device_locks").AsStrings(); set => SetStrings("owned_device_locks", value); }

    public IReadOnlyList<string> PendingDeviceLocks { get => GetList("pending_device_locks").AsStrings(); set => SetStrings("pending_device_locks", value); }
}

/// <summary>A lock on a queue (BEC's ScanQueueLock model).</summary>
public sealed class ScanQueueLock : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(ScanQueueLock),
    [
        Required("reason", Str),
        Required("identifier", Str),
        WithDefault("allow_device_instructions", Bool, static () => true),
    ]);

    public ScanQueueLock()
        : base(Definition, null)
    {
    }

    internal ScanQueueLock(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Reason { get => GetStr("reason"); set => SetField("reason", value); }

    public string Identifier { get => GetStr("identifier"); set => SetField("identifier", value); }

    public bool AllowDeviceInstructions { get => GetBool("allow_device_instructions"); set => SetField("allow_device_instructions", value); }
}

/// <summary>File options of a request (BEC's SystemConfig model; a plain dict in scan requests, an envelope in device_rpc requests).</summary>
public sealed class SystemConfig : BecModel
{
    internal static readonly StructSchema Definition = StructSchema.Model(nameof(SystemConfig),
    [
        Optional("file_suffix", Str),
        Optional("file_directory", Str),
    ]);

    public SystemConfig()
        : base(Definition, null)
    {
    }

    internal SystemConfig(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string? FileSuffix { get => GetStrOrNull("file_suffix"); set => SetField("file_suffix", value); }

    public string? FileDirectory { get => GetStrOrNull("file_directory"); set => SetField("file_directory", value); }
}
