using Testbed.Bec.Messages.Scans;

namespace Testbed.Scans.Client;

/// <summary>How a submitted request ended, as a BEC client sees it.</summary>
/// <param name="Request">What was submitted.</param>
/// <param name="QueueStatus">The queue item's end: COMPLETED, STOPPED or CANCELLED.</param>
/// <param name="ScanId">The scan's id (null for moves).</param>
/// <param name="ScanNumber">The scan number (null for moves).</param>
/// <param name="Status">The scan's last status (closed, aborted, halted, user_completed; null for moves).</param>
/// <param name="Failure">The scan server's failure message (info["failure"]), when it failed.</param>
/// <param name="BlissdataKey">The blissdata scan key, when the scan was published with blissdata.</param>
/// <param name="MasterFile">The master file the file writer announced as done (null if none came).</param>
/// <param name="MasterFileSuccessful">Whether the file writer wrote it successfully.</param>
public sealed record ScanResult(ScanRequest Request, string QueueStatus, string? ScanId, long? ScanNumber, ScanStatus? Status, string? Failure,
    string? BlissdataKey, string? MasterFile, bool MasterFileSuccessful)
{
    /// <summary>True when the request ran to its end: a move completed, or a scan closed.</summary>
    public bool Succeeded => QueueStatus == Bec.Messages.Queue.QueueItemStatus.Completed && (Status is null or ScanStatus.Closed);
}

/// <summary>A step of a running scan: points done of all, from the bundler's progress messages.</summary>
public sealed record ScanProgressUpdate(string ScanId, long? ScanNumber, double Done, double Total, string State);

/// <summary>The scan server refused a request (its answer on the request-response endpoint).</summary>
public sealed class ScanRefusedException(string message) : Exception(message);

/// <summary>No answer from the scan stack in time (a service is not running).</summary>
public sealed class ScanStackTimeoutException(string message) : Exception(message);
