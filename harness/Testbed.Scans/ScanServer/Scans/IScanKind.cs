namespace Testbed.Scans.ScanServer.Scans;

/// <summary>One BEC scan name: checks a bound request and plans what its queue item does.</summary>
public interface IScanKind
{
    string Name { get; }

    /// <summary>Validates against the devices (names, limits, positions) and returns the job; throws ScanParameterException to refuse.</summary>
    Task<ScanJob> PlanAsync(ScanContext context);
}

/// <summary>The scan kinds this server implements: one class per scan, one line here.</summary>
public static class ScanKinds
{
    public static readonly IReadOnlyDictionary<string, IScanKind> All = new IScanKind[]
    {
        new LineScanKind(),
        new GridScanKind(),
        new AcquireKind(),
        new TimeScanKind(),
        new MoveKind("umv", reportReadback: true),
        new MoveKind("mv", reportReadback: false),
        new DeviceRpcKind(),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);
}
