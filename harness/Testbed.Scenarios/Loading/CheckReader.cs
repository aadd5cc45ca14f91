using System.Text.RegularExpressions;
using Testbed.Beamline;
using Testbed.Beamline.Faults;
using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Loading;

/// <summary>Reads the <c>assertions:</c> list, one kind key per assertion; scan and fault names are checked against the steps and the timeline.</summary>
internal static class CheckReader
{
    public static IReadOnlyList<ScenarioCheck> ReadAll(IReadOnlyList<ConfigNode> list, IReadOnlyList<ScenarioStep> steps, IReadOnlyList<FaultDeclaration> faults, Names names)
    {
        var scans = steps.SelectMany(s => s.AndDuring()).OfType<ScanStep>().Select(s => s.Name).ToList();
        var faultNames = faults.Select(f => f.Name)
            .Concat(steps.SelectMany(s => s.AndDuring()).OfType<FaultStep>().Where(f => f.Inject is not null).Select(f => f.Inject!.Name)).ToList();
        return [.. list.Select(n => Read(n, new Context(scans, faultNames, names)))];
    }

    private sealed record Context(IReadOnlyList<string> Scans, IReadOnlyList<string> Faults, Names Names)
    {
        public string Scan(ConfigNode at, string key = "scan")
        {
            var node = at.Require(key);
            var name = node.AsString();
            return Scans.Contains(name) ? name
                : throw node.Error(null, $"no scan '{name}' in the steps{Names.Hint(name, Scans)}; scans: {(Scans.Count == 0 ? "none" : string.Join(", ", Scans))}");
        }
    }

    private static ScenarioCheck Read(ConfigNode node, Context c)
    {
        if (!node.IsMapping) throw node.Error(null, $"an assertion is a mapping with one of: {string.Join(", ", ScenarioKeys.CheckKinds)}");
        var kinds = node.Keys.Where(k => ScenarioKeys.CheckKinds.Contains(k)).ToList();
        if (kinds.Count != 1)
            throw node.Error(null, kinds.Count == 0
                ? $"this assertion asserts nothing; give one of: {string.Join(", ", ScenarioKeys.CheckKinds)}"
                : $"one assertion per entry, and this one has {string.Join(" and ", kinds)}; split it");
        var kind = kinds[0];
        if (kind == "scan") return ScanEnd(node, c);
        node.ExpectOnly(kind);
        var v = node.Require(kind);
        if (kind == "golden" && v.IsScalar) return new GoldenCheck(node, c.Scan(node, "golden"));
        if (!v.IsMapping) throw v.Error(null, $"{kind}: is a mapping of {string.Join(", ", Keys(kind))}");
        v.ExpectOnly([.. Keys(kind)]);
        return kind switch
        {
            "points" => new PointsCheck(node, c.Scan(v), v.String("stream"), Count(v.Require("count"))),
            "fit" => Fit(node, v, c),
            "value" => Value(node, v, c),
            "position" => new PositionCheck(node, c.Names.Axis(v.Require("axis")), v.RequireDouble("equals"), Tolerance(v)),
            "twin" => new TwinStateCheck(node, c.Names.Device(v.Require("device")), v.RequireString("key"), v.RequireString("equals")),
            "detector_files" => new DetectorFilesCheck(node, c.Scan(v), v.String("stream"), Count(v.Require("frames")),
                v.Get("files") is { } f ? (int)Count(f) : null),
            "master_file" => new MasterFileCheck(node, c.Scan(v), v.Bool("exists", true), v.Get("successful")?.AsBool()),
            "fault_fired" => FaultFired(node, v, c),
            "virtual_time" => VirtualTime(node, v, c),
            "golden" => new GoldenCheck(node, c.Scan(v)),
            _ => throw node.Error(kind, "unknown assertion"),
        };
    }

    private static ScanEndCheck ScanEnd(ConfigNode node, Context c)
    {
        node.ExpectOnly(["scan", .. ScenarioKeys.ScanEnd]);
        var scan = c.Scan(node);
        var status = node.Get("status")?.AsChoice(ScenarioKeys.Statuses).ToLowerInvariant();
        var reason = node.Get("end_reason")?.AsChoice(ScenarioKeys.EndReasons).ToUpperInvariant();
        var failure = Pattern(node, "failure");
        var refused = Pattern(node, "refused");
        if (status is null && reason is null && failure is null && refused is null)
            throw node.Error("scan", $"say how the scan ends: {string.Join(", ", ScenarioKeys.ScanEnd)}");
        if (refused is not null && (status ?? reason ?? (object?)failure) is not null)
            throw node.Error("refused", "a refused scan never runs: refused: goes alone, without status, end_reason or failure");
        return new ScanEndCheck(node, scan, status, reason, failure, refused);
    }

    private static FitCheck Fit(ConfigNode node, ConfigNode v, Context c)
    {
        var shape = v.Get("shape") is { } s ? Enum.Parse<FitShape>(s.AsChoice("gaussian", "centroid", "edge"), ignoreCase: true) : FitShape.Gaussian;
        var centre = v.Double("centre");
        var fwhm = v.Double("fwhm");
        if (centre is null && fwhm is null) throw v.Error(null, "give centre: or fwhm: (or both) to compare the fit with");
        if (fwhm is not null && shape != FitShape.Gaussian) throw v.Error("fwhm", "a FWHM comes from a gaussian fit; set shape: gaussian");
        return new FitCheck(node, c.Scan(v), v.RequireString("channel"), v.Get("motor") is { } m ? c.Names.Axis(m) : null, shape, centre, fwhm, Tolerance(v));
    }

    private static ValueCheck Value(ConfigNode node, ConfigNode v, Context c)
    {
        var stat = v.Get("stat")?.AsChoice(ScenarioKeys.Statistics).ToLowerInvariant() ?? "mean";
        var (equals, min, max) = (v.Double("equals"), v.Double("min"), v.Double("max"));
        if (equals is null && min is null && max is null) throw v.Error(null, "give equals: (with within:), min: or max:");
        if (equals is not null && (min ?? max) is not null) throw v.Error("equals", "equals: and within: already bound the value; drop min:/max:");
        return new ValueCheck(node, c.Scan(v), v.RequireString("channel"), stat, equals, v.Get("within") is null ? 0 : Tolerance(v), min, max);
    }

    private static FaultFiredCheck FaultFired(ConfigNode node, ConfigNode v, Context c)
    {
        var name = v.RequireString("name");
        if (!c.Faults.Contains(name))
            throw v.Error("name", $"no fault '{name}' in the timeline or the steps{Names.Hint(name, c.Faults)}; faults: {(c.Faults.Count == 0 ? "none" : string.Join(", ", c.Faults))}");
        return new FaultFiredCheck(node, name, v.Bool("fired", true));
    }

    private static VirtualTimeCheck VirtualTime(ConfigNode node, ConfigNode v, Context c)
    {
        var (min, max) = (v.Double("min"), v.Double("max"));
        if (min is null && max is null) throw v.Error(null, "give min: or max: in seconds of twin time");
        return new VirtualTimeCheck(node, v.Get("scan") is null ? null : c.Scan(v), min, max);
    }

    private static IReadOnlyList<string> Keys(string kind) => kind switch
    {
        "points" => ScenarioKeys.Points,
        "fit" => ScenarioKeys.Fit,
        "value" => ScenarioKeys.Value,
        "position" => ScenarioKeys.Position,
        "twin" => ScenarioKeys.Twin,
        "detector_files" => ScenarioKeys.DetectorFiles,
        "master_file" => ScenarioKeys.MasterFile,
        "fault_fired" => ScenarioKeys.FaultFired,
        "virtual_time" => ScenarioKeys.VirtualTime,
        _ => ScenarioKeys.Golden,
    };

    private static double Tolerance(ConfigNode v)
    {
        var within = v.RequireDouble("within");
        return within >= 0 ? within : throw v.Error("within", "a tolerance is 0 or more");
    }

    private static long Count(ConfigNode n) => n.AsLong() is var v and >= 0 ? v : throw n.Error(null, "a count is 0 or more");

    private static Regex? Pattern(ConfigNode node, string key)
    {
        if (node.Get(key) is not { } p) return null;
        try { return new Regex(p.AsString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw p.Error(null, $"not a regular expression: {e.Message}"); }
    }
}
