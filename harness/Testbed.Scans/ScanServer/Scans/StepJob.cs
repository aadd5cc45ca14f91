using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>A step scan: the points every motor visits, timing, and how BEC and BLISS describe it.</summary>
/// <param name="ScanName">BEC's scan name.</param>
/// <param name="Call">The request as the user wrote it.</param>
/// <param name="Motors">The scan motors (promoted to monitored), in argument order.</param>
/// <param name="Positions">Absolute positions, one row per point, one column per motor.</param>
/// <param name="Relative">Positions were given relative to <paramref name="Start"/>; the motors go back there at the end.</param>
/// <param name="Start">The motors' positions before the scan (relative scans), else null.</param>
/// <param name="ExpTime">Exposure per trigger, s.</param>
/// <param name="FramesPerTrigger">Frames per trigger.</param>
/// <param name="SettlingTime">Wait after the motors arrive, s.</param>
/// <param name="SettlingTimeAfterTrigger">Wait between trigger and read, s.</param>
/// <param name="ReadoutTime">Detector readout time, s (passed on in scan_parameters).</param>
/// <param name="Burst">Trigger-and-read repetitions per point.</param>
/// <param name="SleepPerPoint">time_scan: max(interval − exp_time, 0) after each point.</param>
/// <param name="Additional">BEC's additional_scan_parameters (snaked …), also merged into scan_parameters.</param>
/// <param name="ArgBundle">request_inputs.arg_bundle.</param>
/// <param name="SentKwargs">request_inputs.kwargs, as sent.</param>
/// <param name="Title">BLISS's command line (<c>ascan samx -1 1 4 0.01</c>).</param>
/// <param name="BlissType">BLISS's scan type (ascan, dscan, a2scan, amesh, dmesh, ct, loopscan).</param>
/// <param name="MeshShape">Points per axis of a grid (fast axis first), else null.</param>
public sealed record StepJob(string ScanName, string Call, IReadOnlyList<string> Motors, IReadOnlyList<double[]> Positions,
    bool Relative, IReadOnlyList<double>? Start, double ExpTime, long FramesPerTrigger, double SettlingTime, double SettlingTimeAfterTrigger,
    double ReadoutTime, long Burst, double SleepPerPoint, BecMap Additional, BecList ArgBundle, BecMap SentKwargs,
    string Title, string BlissType, IReadOnlyList<int>? MeshShape) : ScanJob(ScanName, Call)
{
    public override bool IsScan => true;

    /// <summary>Which device is read, triggered, staged when (resolved from the device config at validation).</summary>
    public required ScanDevices Devices { get; init; }

    /// <summary>The staged devices are the item's locks (recorded: ["eiger", "samx"]).</summary>
    public override IReadOnlyList<string> Locks => [.. Devices.Staged.Order(StringComparer.Ordinal)];

    public int Points => Positions.Count;

    /// <summary>Monitored reads of the scan (points × burst).</summary>
    public long Readouts => Points * Burst;
}
