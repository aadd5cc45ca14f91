using Testbed.Bec.Messages.Schema;

namespace Testbed.Bec.Messages.Queue;

/// <summary>ScanQueueModificationMessage.action (spec §1.5).</summary>
public enum QueueModificationAction
{
    Pause,
    DeferredPause,
    Continue,
    Abort,
    Clear,
    Restart,
    Halt,
    Resume,
    Lock,
    ReleaseLock,
    UserCompleted,
}

/// <summary>ScanQueueOrderMessage.action.</summary>
public enum QueueOrderAction
{
    MoveUp,
    MoveDown,
    MoveTop,
    MoveBottom,
    MoveTo,
}

/// <summary>State of a whole queue (ScanQueueStatus.status).</summary>
[WireUpperCase]
public enum QueueStatus
{
    Paused,
    Running,
    Locked,
}

/// <summary>Why a queue item reached its terminal state.</summary>
public enum QueueItemReason
{
    User,
    Alarm,
    Restart,
}

/// <summary>The item states BEC uses (QueueInfoEntry.status and ScanQueueHistoryMessage.status are free strings in BEC).</summary>
public static class QueueItemStatus
{
    public const string Pending = "PENDING";
    public const string Idle = "IDLE";
    public const string Running = "RUNNING";
    public const string Paused = "PAUSED";
    public const string DeferredPause = "DEFERRED_PAUSE";
    public const string Completed = "COMPLETED";
    public const string Stopped = "STOPPED";
    public const string Cancelled = "CANCELLED";
}
