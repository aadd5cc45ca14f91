using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>What a validated request will do when its queue item runs.</summary>
public abstract record ScanJob(string ScanName, string Call)
{
    /// <summary>True for scans (scan number, scan status, file); false for mv, umv and device_rpc.</summary>
    public abstract bool IsScan { get; }

    /// <summary>The devices the item owns while it runs (RequestBlock.owned_device_locks; sorted, as recorded).</summary>
    public abstract IReadOnlyList<string> Locks { get; }
}

/// <summary>A move of one or more motors to absolute targets (mv, umv).</summary>
/// <param name="ScanName">umv or mv.</param>
/// <param name="Call">The request as the user wrote it.</param>
/// <param name="Targets">Motor → absolute target.</param>
/// <param name="ReportReadback">umv: read the start positions first and publish a readback report instruction.</param>
public sealed record MoveJob(string ScanName, string Call, IReadOnlyList<(string Device, double Target)> Targets, bool ReportReadback)
    : ScanJob(ScanName, Call)
{
    public override bool IsScan => false;

    public override IReadOnlyList<string> Locks => [.. Targets.Select(t => t.Device).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>A device method call run through the queue (device_rpc other than a plain read).</summary>
public sealed record RpcJob(string ScanName, string Call, string Device, BecMap Parameter) : ScanJob(ScanName, Call)
{
    public override bool IsScan => false;

    public override IReadOnlyList<string> Locks => [];
}
