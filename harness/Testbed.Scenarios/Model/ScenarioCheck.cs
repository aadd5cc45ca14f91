using System.Text.RegularExpressions;
using Testbed.Beamline;

namespace Testbed.Scenarios.Model;

/// <summary>One assertion of a scenario, located in its file.</summary>
public abstract record ScenarioCheck(ConfigNode Node)
{
    /// <summary>True when only the twin can answer it (its state, its faults, goldens of simulated data); a hardware run skips it.</summary>
    public virtual bool TwinOnly => false;

    /// <summary>What it asserts, for the report.</summary>
    public abstract string Describe();
}

/// <summary>How a scan ended: its BEC status, blissdata end_reason, and (optionally) the failure message or a refusal.</summary>
public sealed record ScanEndCheck(ConfigNode Node, string Scan, string? Status, string? EndReason, Regex? Failure, Regex? Refused) : ScenarioCheck(Node)
{
    public override string Describe() => $"scan {Scan} " + string.Join(", ", new[]
    {
        Status is null ? null : $"status {Status}", EndReason is null ? null : $"end_reason {EndReason}",
        Failure is null ? null : $"failure ~ /{Failure}/", Refused is null ? null : $"refused ~ /{Refused}/",
    }.OfType<string>());
}

/// <summary>Points in a scan's blissdata streams: each stream (or the one named) has exactly <see cref="Count"/>.</summary>
public sealed record PointsCheck(ConfigNode Node, string Scan, string? Stream, long Count) : ScenarioCheck(Node)
{
    public override string Describe() => $"scan {Scan}: {(Stream is null ? "every stream has" : $"{Stream} has")} {Count} points";
}

/// <summary>A fitted centre (or FWHM) of a channel against the scan's motor, within a tolerance.</summary>
public sealed record FitCheck(ConfigNode Node, string Scan, string Channel, string? Motor, FitShape Shape, double? Centre, double? Fwhm, double Within) : ScenarioCheck(Node)
{
    public override string Describe() =>
        $"scan {Scan}: {Shape.ToString().ToLowerInvariant()} of {Channel}" + (Centre is { } c ? $" centred at {c:G6}" : "") + (Fwhm is { } w ? $" FWHM {w:G6}" : "") + $" ± {Within:G6}";
}

/// <summary>A statistic of a channel (min, max, mean, first, last, sum) against a value ± tolerance or bounds.</summary>
public sealed record ValueCheck(ConfigNode Node, string Scan, string Channel, string Statistic, double? Expected, double Within, double? Min, double? Max) : ScenarioCheck(Node)
{
    public override string Describe() => $"scan {Scan}: {Statistic} of {Channel}" + (Expected is { } e ? $" = {e:G6} ± {Within:G6}" : "")
        + (Min is { } lo ? $" ≥ {lo:G6}" : "") + (Max is { } hi ? $" ≤ {hi:G6}" : "");
}

/// <summary>An axis's position at the end, as the device server last read it back (BEC's readback), ± tolerance.</summary>
public sealed record PositionCheck(ConfigNode Node, string Axis, double Expected, double Within) : ScenarioCheck(Node)
{
    public override string Describe() => $"{Axis} at {Expected:G6} ± {Within:G6}";
}

/// <summary>A device's simulated state through the control API (e.g. an axis not moving, its motor off).</summary>
public sealed record TwinStateCheck(ConfigNode Node, string Device, string Key, string Expected) : ScenarioCheck(Node)
{
    public override bool TwinOnly => true;

    public override string Describe() => $"twin {Device}.{Key} = {Expected}";
}

/// <summary>A scan's detector files: they exist, hold <see cref="Frames"/> frames in <see cref="Files"/> files, in the areaDetector layout.</summary>
public sealed record DetectorFilesCheck(ConfigNode Node, string Scan, string? Stream, long Frames, int? Files) : ScenarioCheck(Node)
{
    public override string Describe() => $"scan {Scan}: {Frames} frames" + (Files is { } f ? $" in {f} files" : "") + " on disk, /entry/data/data of each";
}

/// <summary>The scan's NeXus master file as BEC's file writer announced it: present (and successful) or absent.</summary>
public sealed record MasterFileCheck(ConfigNode Node, string Scan, bool Exists, bool? Successful) : ScenarioCheck(Node)
{
    public override string Describe() => $"scan {Scan}: master file " + (Exists ? "written" + (Successful is { } s ? s ? ", successful" : ", not successful" : "") : "not announced as done");
}

/// <summary>A fault of the timeline fired (or did not).</summary>
public sealed record FaultFiredCheck(ConfigNode Node, string Fault, bool Fired) : ScenarioCheck(Node)
{
    public override bool TwinOnly => true;

    public override string Describe() => $"fault '{Fault}' {(Fired ? "fired" : "never fired")}";
}

/// <summary>Bounds on virtual time: the whole run's, or one scan's duration.</summary>
public sealed record VirtualTimeCheck(ConfigNode Node, string? Scan, double? Min, double? Max) : ScenarioCheck(Node)
{
    public override string Describe() => $"{(Scan is null ? "the run" : $"scan {Scan}")} lasts" + (Min is { } lo ? $" ≥ {lo:G6} s" : "") + (Max is { } hi ? $" ≤ {hi:G6} s" : "") + " of twin time";
}

/// <summary>A scan's blissdata streams and detector pixels equal the stored golden digests (refreshed with --update-goldens).</summary>
public sealed record GoldenCheck(ConfigNode Node, string Scan) : ScenarioCheck(Node)
{
    public override bool TwinOnly => true;

    public override string Describe() => $"scan {Scan}: streams and pixels equal the golden";
}
