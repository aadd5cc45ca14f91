using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

using static Testbed.Bec.Messages.Schema.FieldSpec;
using static Testbed.Bec.Messages.Schema.FieldTypes;

namespace Testbed.Bec.Messages.Queue;

/// <summary>Every queue's state (<c>info/queue/queue_status</c> SET+PUB); must contain <c>primary</c>. Each queue travels as a ScanQueueStatus envelope.</summary>
public sealed class ScanQueueStatusMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanQueueStatusMessage),
    [
        Required("queue", DictOf(Struct(static () => ScanQueueStatus.Definition))),
    ],
        static f => FieldTypes.AsDict(f.GetOrNull("queue") ?? Nil) is { } q && !q.ContainsKey("primary")
            ? "queue must contain a 'primary' key"
            : null);

    public ScanQueueStatusMessage()
        : base(Definition, null)
    {
    }

    internal ScanQueueStatusMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>queue name → its status, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, ScanQueueStatus>> Queue
    {
        get => Read("queue", v => (IReadOnlyList<KeyValuePair<string, ScanQueueStatus>>)
            [.. (FieldTypes.AsDict(v) ?? v.AsMap()).Entries.Select(e => new KeyValuePair<string, ScanQueueStatus>(
                e.Key.AsString(), AsStruct(e.Value, f => new ScanQueueStatus(f))))]);
        set
        {
            var map = new BecMap();
            foreach (var (name, status) in value) map.Add(name, Nest(status));
            SetField("queue", map);
        }
    }

    /// <summary>The named queue (e.g. "primary"), or null.</summary>
    public ScanQueueStatus? Find(string queue) =>
        FieldTypes.AsDict(Get("queue"))?.GetOrNull(queue) is { } v ? AsStruct(v, f => new ScanQueueStatus(f)) : null;
}

/// <summary>A finished queue item (<c>info/queue/queue_history</c> list, LPUSH + LTRIM 0 99).</summary>
public sealed class ScanQueueHistoryMessage : BecMessage
{
    internal static readonly StructSchema Definition = StructSchema.Message(nameof(ScanQueueHistoryMessage),
    [
        Required("status", Str),
        Required("queue_id", Str),
        Required("info", Struct(static () => QueueInfoEntry.Definition)),
        WithDefault("queue", Str, static () => "primary"),
    ]);

    public ScanQueueHistoryMessage()
        : base(Definition, null)
    {
    }

    internal ScanQueueHistoryMessage(BecMap fields)
        : base(Definition, fields)
    {
    }

    /// <summary>The item's final <see cref="QueueItemStatus"/> (COMPLETED, STOPPED, …).</summary>
    public string Status { get => GetStr("status"); set => SetField("status", value); }

    public string QueueId { get => GetStr("queue_id"); set => SetField("queue_id", value); }

    public QueueInfoEntry Info { get => GetStruct("info", f => new QueueInfoEntry(f)); set => SetStruct("info", value); }

    public string Queue { get => GetStr("queue"); set => SetField("queue", value); }
}
