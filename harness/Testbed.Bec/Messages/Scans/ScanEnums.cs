using Testbed.Bec.Messages.Schema;

namespace Testbed.Bec.Messages.Scans;

/// <summary>ScanStatusMessage.status: open → (paused ↔ open) → closed | aborted | halted | user_completed.</summary>
public enum ScanStatus
{
    Open,
    Paused,
    Aborted,
    Halted,
    Closed,
    UserCompleted,
}

/// <summary>Why a scan stopped or paused.</summary>
public enum ScanStatusReason
{
    User,
    Alarm,
}

/// <summary>ScanStatusMessage.scan_type (line, grid and acquire all send software_triggered).</summary>
public enum ScanType
{
    Step,
    Fly,
    SoftwareTriggered,
    HardwareTriggered,
}

/// <summary>When BEC reads a device during a scan (spec §5.4); the keys of readout_priority maps.</summary>
public enum ReadoutPriority
{
    Monitored,
    Baseline,
    Async,
    Continuous,
    OnRequest,
}

/// <summary>ScanHistoryMessage.exit_status.</summary>
public enum ScanExitStatus
{
    Closed,
    Aborted,
    Halted,
    UserCompleted,
}

/// <summary>Wire names of the closed sets above, for dict keys.</summary>
internal static class ScanLiterals
{
    public static LiteralType ReadoutPriorities => WireEnum<ReadoutPriority>.Literal;
}
