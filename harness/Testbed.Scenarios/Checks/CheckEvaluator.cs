using System.Globalization;
using PureHDF;
using Testbed.Blissdata.Files;
using Testbed.Blissdata.Reading;
using Testbed.Scenarios.Model;
using Testbed.Scenarios.Running;
using Testbed.Twin.Host.Control;

namespace Testbed.Scenarios.Checks;

/// <summary>Evaluates a scenario's assertions against what the run produced: the client's view of each scan, blissdata, files, the twin.</summary>
internal sealed class CheckEvaluator(ScenarioSession session, ScenarioTarget target, IReadOnlyDictionary<string, ScanDigest>? goldens, bool updateGoldens)
{
    private static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Digests computed for golden checks, by scan (to store with --update-goldens).</summary>
    public Dictionary<string, ScanDigest> Digests { get; } = new(StringComparer.Ordinal);

    public async Task<CheckOutcome> EvaluateAsync(ScenarioCheck check)
    {
        if (check.TwinOnly && target == ScenarioTarget.Hardware) return new(check, CheckVerdict.Skipped, "twin only; skipped on hardware");
        try
        {
            var (ok, detail) = await EvaluateCoreAsync(check);
            return new(check, ok ? CheckVerdict.Passed : CheckVerdict.Failed, detail);
        }
        catch (Exception e) when (e is ScenarioCheckException or ControlException or Blissdata.BlissdataException or IOException or StackExchange.Redis.RedisException)
        {
            return new(check, CheckVerdict.Failed, e.Message);
        }
    }

    private async Task<(bool, string)> EvaluateCoreAsync(ScenarioCheck check) => check switch
    {
        ScanEndCheck c => await ScanEndAsync(c),
        PointsCheck c => await PointsAsync(c),
        FitCheck c => await FitAsync(c),
        ValueCheck c => await ValueAsync(c),
        PositionCheck c => await PositionAsync(c),
        TwinStateCheck c => TwinState(c),
        DetectorFilesCheck c => await DetectorFilesAsync(c),
        MasterFileCheck c => MasterFile(c),
        FaultFiredCheck c => FaultFired(c),
        VirtualTimeCheck c => VirtualTime(c),
        GoldenCheck c => await GoldenAsync(c),
        _ => throw new ScenarioCheckException($"{check.GetType().Name} is not evaluated"),
    };

    private ScanRecord Record(string scan) => session.Scans.GetValueOrDefault(scan) ?? throw new ScenarioCheckException($"scan {scan} did not run (an earlier step failed)");

    private async Task<(bool, string)> ScanEndAsync(ScanEndCheck c)
    {
        var record = Record(c.Scan);
        if (c.Refused is { } pattern)
            return record.Refusal is { } r ? (pattern.IsMatch(r), $"refused: {r}") : (false, $"it was not refused; it ended {Ended(record)}");
        if (record.Refusal is { } refusal) return (false, $"it was refused: {refusal}");
        var result = record.Result ?? throw new ScenarioCheckException($"scan {c.Scan} was not followed to its end: {record.Error}");
        var found = new List<string>();
        var ok = true;
        var status = result.Status?.ToString().ToLowerInvariant() ?? "none";
        found.Add($"status {status}");
        if (c.Status is not null) ok &= ToSnake(status) == c.Status;
        if (c.EndReason is not null)
        {
            var reason = (await session.DataAsync(c.Scan)).EndReason ?? "none";
            found.Add($"end_reason {reason}");
            ok &= reason == c.EndReason;
        }
        if (c.Failure is { } f)
        {
            found.Add($"failure \"{result.Failure ?? "none"}\"");
            ok &= result.Failure is { } text && f.IsMatch(text);
        }
        return (ok, string.Join(", ", found));
    }

    private static string ToSnake(string s) => s == "usercompleted" ? "user_completed" : s;

    private static string Ended(ScanRecord r) => r.Result is { } res ? $"{res.Status?.ToString().ToLowerInvariant() ?? res.QueueStatus}" : r.Error ?? "nowhere";

    private async Task<(bool, string)> PointsAsync(PointsCheck c)
    {
        var data = await session.DataAsync(c.Scan);
        var streams = c.Stream is { } name ? [data.Stream(name)] : data.Scan.Streams.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var counts = new List<(string Name, long Points)>();
        foreach (var s in streams) counts.Add((s.Name, await ScanData.PointsAsync(s)));
        var wrong = counts.Where(p => p.Points != c.Count).ToList();
        return wrong.Count == 0
            ? (true, $"{counts.Count} stream(s) with {c.Count} points")
            : (false, string.Join(", ", wrong.Select(w => $"{w.Name} has {w.Points}")));
    }

    private async Task<(bool, string)> FitAsync(FitCheck c)
    {
        var data = await session.DataAsync(c.Scan);
        var x = await data.ValuesAsync(data.Motor(c.Motor));
        var y = await data.ValuesAsync(data.Stream(c.Channel));
        var fit = CurveFit.Fit(c.Shape, x, y);
        var ok = true;
        var found = new List<string>();
        if (c.Centre is { } centre)
        {
            ok &= Math.Abs(fit.Centre - centre) <= c.Within;
            found.Add($"centre {N(fit.Centre)} (expected {N(centre)} ± {N(c.Within)})");
        }
        if (c.Fwhm is { } fwhm)
        {
            ok &= Math.Abs(fit.Fwhm - fwhm) <= c.Within;
            found.Add($"FWHM {N(fit.Fwhm)} (expected {N(fwhm)} ± {N(c.Within)})");
        }
        return (ok, string.Join(", ", found));
    }

    private async Task<(bool, string)> ValueAsync(ValueCheck c)
    {
        var data = await session.DataAsync(c.Scan);
        var values = await data.ValuesAsync(data.Stream(c.Channel));
        if (values.Length == 0) return (false, $"{c.Channel} has no points");
        var v = c.Statistic switch
        {
            "min" => values.Min(),
            "max" => values.Max(),
            "sum" => values.Sum(),
            "first" => values[0],
            "last" => values[^1],
            _ => values.Average(),
        };
        var ok = (c.Expected is not { } e || Math.Abs(v - e) <= c.Within) && (c.Min is not { } lo || v >= lo) && (c.Max is not { } hi || v <= hi);
        return (ok, $"{c.Statistic} {N(v)} over {values.Length} points");
    }

    private async Task<(bool, string)> PositionAsync(PositionCheck c)
    {
        var position = await session.Client.ReadbackAsync(c.Axis)
            ?? throw new ScenarioCheckException($"no readback of {c.Axis} on Redis (info/devices/readback/{c.Axis}); did the device server start it?");
        return (Math.Abs(position - c.Expected) <= c.Within, $"{c.Axis} at {N(position)}");
    }

    private (bool, string) TwinState(TwinStateCheck c)
    {
        var report = session.Control!.Get(c.Device);
        if (!report.State.TryGetValue(c.Key, out var value))
            throw new ScenarioCheckException($"{c.Device} has no state '{c.Key}'; its state: {string.Join(", ", report.State.Keys)}");
        var text = value switch
        {
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            null => "null",
            _ => value.ToString() ?? "",
        };
        return (string.Equals(text, c.Expected, StringComparison.OrdinalIgnoreCase), $"{c.Device}.{c.Key} = {text}");
    }

    private async Task<(bool, string)> DetectorFilesAsync(DetectorFilesCheck c)
    {
        var data = await session.DataAsync(c.Scan);
        var stream = c.Stream is { } s ? data.Stream(s)
            : data.Scan.Streams.Values.SingleOrDefault(x => x.Plugin == "lima") ?? throw new ScenarioCheckException($"scan {c.Scan} has no single lima stream; name stream:");
        var (_, saved) = await Lima.StatusAsync(stream);
        var files = new List<string>();
        for (long f = 0; f <= saved; f++)
        {
            var file = Lima.Reference(stream, f).File;
            if (!files.Contains(file)) files.Add(file);
        }
        long frames = 0;
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) { problems.Add($"{file} is missing"); continue; }
            using var h5 = H5File.OpenRead(file);
            var dims = h5.Dataset(AreaDetectorFile.DataPath).Space.Dimensions;
            if (dims.Length != 3) problems.Add($"{Path.GetFileName(file)}:{AreaDetectorFile.DataPath} has {dims.Length} dimensions, not [frame, y, x]");
            else frames += (long)dims[0];
        }
        var ok = problems.Count == 0 && frames == c.Frames && (c.Files is not { } n || files.Count == n);
        return (ok, $"{frames} frames in {files.Count} files" + (problems.Count > 0 ? "; " + string.Join("; ", problems) : ""));
    }

    private (bool, string) MasterFile(MasterFileCheck c)
    {
        var result = Record(c.Scan).Result;
        var file = result?.MasterFile;
        var exists = file is not null && File.Exists(file);
        var detail = file is null ? "none announced as done" : $"{file} ({(exists ? "on disk" : "missing")}, {(result!.MasterFileSuccessful ? "successful" : "not successful")})";
        if (!c.Exists) return (file is null || !result!.MasterFileSuccessful, detail);
        return (exists && (c.Successful is not { } s || s == result!.MasterFileSuccessful), detail);
    }

    private (bool, string) FaultFired(FaultFiredCheck c)
    {
        var record = session.Environment.Twin!.Faults.All.FirstOrDefault(f => f.Name == c.Fault);
        var fired = record?.FiredAt is not null;
        return (fired == c.Fired, record is null ? "not in the timeline" : fired ? $"fired at {N(record.FiredAt!.Value.TotalSeconds)} s" : $"{record.State.ToString().ToLowerInvariant()}, never fired");
    }

    private (bool, string) VirtualTime(VirtualTimeCheck c)
    {
        var seconds = c.Scan is { } s ? Record(s).EndedAt - Record(s).StartedAt : session.Now;
        return ((c.Min is not { } lo || seconds >= lo) && (c.Max is not { } hi || seconds <= hi), $"{N(seconds)} s of twin time");
    }

    private async Task<(bool, string)> GoldenAsync(GoldenCheck c)
    {
        var digest = await Checks.Digests.OfAsync(await session.DataAsync(c.Scan));
        Digests[c.Scan] = digest;
        if (updateGoldens) return (true, $"golden of {digest.Streams.Count} streams to be written");
        if (goldens?.GetValueOrDefault(c.Scan) is not { } golden)
            return (false, $"no golden for scan {c.Scan} yet in {GoldenStore.PathOf(session.Scenario.Source)}; create it with testbed run {session.Scenario.Source} --update-goldens");
        var diffs = Checks.Digests.Differences(golden, digest);
        return diffs.Count == 0 ? (true, $"{digest.Streams.Count} streams equal the golden") : (false, string.Join("; ", diffs));
    }
}
