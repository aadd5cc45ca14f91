using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Services;

/// <summary>LogMessage.log_type.</summary>
public enum LogType
{
    Trace,
    Debug,
    Info,
    Success,
    Warning,
    Error,
    Critical,
    ConsoleLog,
    ConsoleLogError,
}

/// <summary>A log record (<c>user/log</c> stream, MAXLEN ~10000); services send log_msg = {text, record}.</summary>
public sealed class LogMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(LogMessage),
    [
        Required("log_type", WireEnum<LogType>.Literal),
        Required("log_msg", Union(Dict, Str)),
    ]);

    public LogMessage()
        : base(Definition, null)
    {
    }

    internal LogMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public LogType LogType { get => GetEnum<LogType>("log_type"); set => SetEnum("log_type", value); }

    /// <summary>A dict ({text, record, service_name}) or a str.</summary>
    public BecValue LogMsg { get => Get("log_msg"); set => SetField("log_msg", value); }
}

/// <summary>AlarmMessage.severity.</summary>
public enum AlarmSeverity
{
    Warning = 0,
    Minor = 1,
    Major = 2,
}

/// <summary>An alarm (<c>user/alarms</c> SET+PUB); a MAJOR one makes the scan server abort the running scan.</summary>
public sealed class AlarmMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(AlarmMessage),
    [
        Required("severity", Int),
        Required("info", Struct(static () => Common.ErrorInfo.Definition)),
    ]);

    public AlarmMessage()
        : base(Definition, null)
    {
    }

    internal AlarmMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public AlarmSeverity Severity { get => (AlarmSeverity)GetInt("severity"); set => SetField("severity", (long)value); }

    public ErrorInfo Info { get => GetStruct("info", f => new ErrorInfo(f)); set => SetStruct("info", value); }
}

/// <summary>ClientInfoMessage.source.</summary>
public enum ClientInfoSource
{
    BecIpythonClient,
    ScanServer,
    DeviceServer,
    ScanBundler,
    FileWriter,
    Scihub,
    Dap,
}

/// <summary>Text for the user's console (<c>user/client_info</c> stream).</summary>
public sealed class ClientInfoMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ClientInfoMessage),
    [
        Required("message", Str),
        WithDefault("show_asap", Bool, static () => true),
        Optional("RID", Str),
        Optional("source", WireEnum<ClientInfoSource>.Literal),
        Optional("scope", Str),
        WithDefault("severity", Int, static () => 0),
        WithDefault("expire", Float, static () => 60.0),
    ]);

    public ClientInfoMessage()
        : base(Definition, null)
    {
    }

    internal ClientInfoMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Message { get => GetStr("message"); set => SetField("message", value); }

    public bool ShowAsap { get => GetBool("show_asap"); set => SetField("show_asap", value); }

    public string? Rid { get => GetStrOrNull("RID"); set => SetField("RID", value); }

    public ClientInfoSource? Source { get => GetEnumOrNull<ClientInfoSource>("source"); set => SetEnum("source", value); }

    public string? Scope { get => GetStrOrNull("scope"); set => SetField("scope", value); }

    /// <summary>0 info, 1 warning, 2 error.</summary>
    public long Severity { get => GetInt("severity"); set => SetField("severity", value); }

    /// <summary>Seconds after which it is no longer shown (0: never expires).</summary>
    public double Expire { get => GetFloat("expire"); set => SetField("expire", value); }
}

/// <summary>An event for messaging services (<c>internal/messaging_services/notification/&lt;event&gt;</c>): new_scan, scan_completed, …;
/// message = content models ({content: text} and {tags: [...]}).</summary>
public sealed class NotificationMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(NotificationMessage),
    [
        Required("event", Str),
        Required("message", ListOf(Dict)),
    ]);

    public NotificationMessage()
        : base(Definition, null)
    {
    }

    internal NotificationMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    public string Event { get => GetStr("event"); set => SetField("event", value); }

    /// <summary>The content parts (BaseModel envelopes: MessagingServiceTextContent, MessagingServiceTagsContent, …).</summary>
    public BecList Message { get => GetList("message"); set => SetField("message", value); }
}
