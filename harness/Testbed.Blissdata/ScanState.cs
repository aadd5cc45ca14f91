namespace Testbed.Blissdata;

/// <summary>Scan states in the state stream (§5.1); a scan only moves to a strictly greater value (CLOSED from any).</summary>
public enum ScanState
{
    Created = 0,
    Prepared = 1,
    Started = 2,
    Stopped = 3,
    Closed = 4,
}
