namespace Testbed.Scans.Hosting;

/// <summary>Which services one process runs around a Redis (<c>testbed serve …</c>).</summary>
public enum ServedRole
{
    /// <summary>The device server alone: drives the beamline file's controllers for whatever scan server shares the Redis.</summary>
    DeviceServer,

    /// <summary>The BEC-side services: scan server, scan bundler, SciHub and file writer.</summary>
    ScanServer,

    /// <summary>Both: every service of the scan stack in one process.</summary>
    Stack,
}
