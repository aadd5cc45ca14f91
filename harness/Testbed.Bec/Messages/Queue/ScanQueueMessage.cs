using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Queue;

/// <summary>A scan request (<c>personal/&lt;user&gt;/queue/queue_request</c>, forwarded on <c>info/queue/queue_insert</c>).</summary>
/// <remarks>parameter = {"args": {motor: [start, stop, …]} or a list, "kwargs": {…, system_config}}; the client keys args by the
/// device object (a <see cref="Codec.DeviceRef"/> key, read by name). metadata: RID, client_info, user_metadata, file_suffix, file_directory.
/// BEC also checks user_metadata against a per-scan schema that plugins may register (permissive by default; not checked here).</remarks>
public sealed class ScanQueueMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanQueueMessage),
    [
        Required("scan_type", Str),
        Required("parameter", Dict),
        WithDefault("queue", Str, static () => "primary"),
        WithDefault("allow_restart", Bool, static () => true),
    ]);

    public ScanQueueMessage()
        : base(Definition, null)
    {
    }

    internal ScanQueueMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>The scan name (line_scan, grid_scan, acquire, umv, device_rpc, …).</summary>
    public string ScanType { get => GetStr("scan_type"); set => SetField("scan_type", value); }

    public BecMap Parameter { get => GetMap("parameter"); set => SetField("parameter", value); }

    public string Queue { get => GetStr("queue"); set => SetField("queue", value); }

    public bool AllowRestart { get => GetBool("allow_restart"); set => SetField("allow_restart", value); }
}

/// <summary>Accept or refuse a request (<c>info/queue/queue_request_response</c>, config responses …), carrying the request's metadata.</summary>
public sealed class RequestResponseMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(RequestResponseMessage),
    [
        Required("accepted", Bool),
        Optional("message", Union(Str, Dict)),
    ]);

    public RequestResponseMessage()
        : base(Definition, null)
    {
    }

    internal RequestResponseMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public bool Accepted { get => GetBool("accepted"); set => SetField("accepted", value); }

    /// <summary>A str, a dict or None saying why.</summary>
    public BecValue Message { get => Get("message"); set => SetField("message", value); }
}

/// <summary>A queue modification (<c>user/queue/queue_modification_request</c> → <c>info/queue/queue_modification</c>).</summary>
/// <remarks>Recorded abort: scan_id None, request_id = the scan request's RID, parameter {}, queue primary.</remarks>
public sealed class ScanQueueModificationMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanQueueModificationMessage),
    [
        Optional("scan_id", Union(Str, ListOf(Nullable(Str)))),
        Optional("request_id", Str),
        Required("action", WireEnum<QueueModificationAction>.Literal),
        Required("parameter", Dict),
        WithDefault("queue", Str, static () => "primary"),
    ]);

    public ScanQueueModificationMessage()
        : base(Definition, null)
    {
    }

    internal ScanQueueModificationMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>Deprecated in BEC (use <see cref="RequestId"/>): a scan id, a list of them, or None.</summary>
    public BecValue ScanId { get => Get("scan_id"); set => SetField("scan_id", value); }

    public string? RequestId { get => GetStrOrNull("request_id"); set => SetField("request_id", value); }

    public QueueModificationAction Action { get => GetEnum<QueueModificationAction>("action"); set => SetEnum("action", value); }

    public BecMap Parameter { get => GetMap("parameter"); set => SetField("parameter", value); }

    public string Queue { get => GetStr("queue"); set => SetField("queue", value); }
}

/// <summary>Move a queued scan (<c>user/queue/queue_order_change_request</c>).</summary>
public sealed class ScanQueueOrderMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanQueueOrderMessage),
    [
        Required("scan_id", Str),
        Required("action", WireEnum<QueueOrderAction>.Literal),
        WithDefault("queue", Str, static () => "primary"),
        Optional("target_position", Int),
    ]);

    public ScanQueueOrderMessage()
        : base(Definition, null)
    {
    }

    internal ScanQueueOrderMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string ScanId { get => GetStr("scan_id"); set => SetField("scan_id", value); }

    public QueueOrderAction Action { get => GetEnum<QueueOrderAction>("action"); set => SetEnum("action", value); }

    public string Queue { get => GetStr("queue"); set => SetField("queue", value); }

    public long? TargetPosition { get => GetIntOrNull("target_position"); set => SetField("target_position", value is { } v ? v : Nil); }
}

/// <summary>A scan is restarted (<c>info/queue/scan_restart</c>).</summary>
public sealed class ScanRestartMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanRestartMessage),
    [
        Required("original_scan_id", Str),
        Required("scan_msg", Struct(static () => ScanQueueMessage.Definition)),
    ]);

    public ScanRestartMessage()
        : base(Definition, null)
    {
    }

    internal ScanRestartMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string OriginalScanId { get => GetStr("original_scan_id"); set => SetField("original_scan_id", value); }

    public ScanQueueMessage ScanMsg { get => GetStruct("scan_msg", f => new ScanQueueMessage(f)); set => SetStruct("scan_msg", value); }
}
