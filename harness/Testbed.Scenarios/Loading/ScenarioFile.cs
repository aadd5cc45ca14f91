using System.Globalization;
using Testbed.Beamline;
using Testbed.Beamline.Faults;
using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Loading;

/// <summary>Reads a scenario file: every error is a <see cref="ConfigException"/> naming file:line and the key, with what to write instead.</summary>
public static class ScenarioFile
{
    /// <summary>Loads and checks <paramref name="path"/>, and the beamline file it names.</summary>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new ConfigException(path, null, "this is a folder; give one scenario file, or run the folder with testbed run");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, null, $"cannot read the scenario file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses scenario YAML; <paramref name="source"/> names it in errors and anchors its relative paths.</summary>
    public static Scenario Parse(string yaml, string source)
    {
        var root = BeamlineConfig.ParseDocument(yaml, source, "the file is empty; a scenario needs at least scenario: 1, beamline: and steps:");
        if (!root.IsMapping) throw root.Error(null, "a scenario is a mapping (scenario: 1, beamline: …, steps: …)");
        root.ExpectOnly(ScenarioKeys.Top);
        var version = root.Require("scenario");
        if (version.AsInt() != Scenario.FormatVersion)
            throw version.Error(null, $"format version {version.AsString()} is not known; this testbed reads scenario: {Scenario.FormatVersion}");
        var beamlineNode = root.Require("beamline");
        var folder = Path.GetDirectoryName(Path.GetFullPath(source)) ?? ".";
        var beamlinePath = Path.GetFullPath(Path.Combine(folder, beamlineNode.AsString()));
        if (!File.Exists(beamlinePath)) throw beamlineNode.Error(null, $"no beamline file at {beamlinePath}; give a path relative to this scenario's folder");
        var beamline = BeamlineConfig.Load(beamlinePath);
        var names = new Names(beamline);

        var targets = root.Get("targets") is { } t
            ? t.Items().Select(i => Enum.Parse<ScenarioTarget>(i.AsChoice("twin", "hardware"), ignoreCase: true)).Distinct().ToList()
            : [ScenarioTarget.Twin];
        if (targets.Count == 0) throw root.Error("targets", "name at least one target: [twin], [hardware] or [twin, hardware]");
        var rate = root.Double("rate", 1);
        if (!(rate is >= 0.01 and <= 10_000)) throw root.Error("rate", $"{rate.ToString(CultureInfo.InvariantCulture)} is outside 0.01…10000 (virtual seconds per real second)");
        var timeout = root.Seconds("timeout", 120);
        if (timeout <= TimeSpan.Zero) throw root.Error("timeout", "the wall-clock limit is a positive number of seconds");
        var seed = root.Long("seed");

        var faults = root.List("faults").Select((n, i) => FaultSchema.Read(n, beamline.Controllers, i)).ToList();
        foreach (var group in faults.GroupBy(f => f.Name).Where(g => g.Count() > 1))
            throw group.Last().Node!.Error("name", $"fault name '{group.Key}' is used twice; give each its own name:");
        var state = root.List("state").Select(n => StepReader.State(n, null, names)).ToList();
        var steps = new StepReader(names, faults.Count).ReadAll(root.Require("steps"));
        if (steps.Count == 0) throw root.Error("steps", "a scenario needs at least one step");
        var checks = CheckReader.ReadAll(root.List("assertions"), steps, faults, names);
        var name = root.String("name") ?? Path.GetFileNameWithoutExtension(source);
        return new Scenario(name, source, root.String("description"), beamline, targets, seed, rate, timeout, state, faults, steps, checks);
    }
}
