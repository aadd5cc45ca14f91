using System.Diagnostics;
using System.Text.Json.Nodes;
using Testbed.Scenarios.Loading;
using Testbed.Scenarios.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scenarios.Tests;

/// <summary>scenarios/schema/scenario.schema.json says what the loader reads: the same keys at every level, and every regression
/// scenario valid against it by an independent validator (Debian's python3-jsonschema), so editors complete and check what runs.</summary>
public sealed class SchemaTests
{
    private static string SchemaPath => Path.Combine(Repository.Root, "scenarios", "schema", "scenario.schema.json");

    private static JsonObject Schema => JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();

    private static string[] Keys(JsonNode? node) => [.. node!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    private static string[] Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

    [Test]
    public void The_schema_and_the_loader_know_the_same_keys()
    {
        var schema = Schema;
        var defs = schema["$defs"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Keys(schema), Is.EqualTo(Sorted(ScenarioKeys.Top)), "top level");
            Assert.That(Keys(defs["step"]), Is.EqualTo(Sorted([.. ScenarioKeys.StepActions, .. ScenarioKeys.StepModifiers])), "a step");
            Assert.That(Keys(defs["check"]), Is.EqualTo(Sorted([.. ScenarioKeys.CheckKinds, .. ScenarioKeys.ScanEnd])), "an assertion");
            foreach (var (kind, keys) in new[] { ("points", ScenarioKeys.Points), ("fit", ScenarioKeys.Fit), ("value", ScenarioKeys.Value), ("position", ScenarioKeys.Position),
                         ("twin", ScenarioKeys.Twin), ("detector_files", ScenarioKeys.DetectorFiles), ("master_file", ScenarioKeys.MasterFile),
                         ("fault_fired", ScenarioKeys.FaultFired), ("virtual_time", ScenarioKeys.VirtualTime) })
                Assert.That(Keys(defs["check"]!["properties"]![kind]), Is.EqualTo(Sorted(keys)), kind);
            Assert.That(Keys(defs["step"]!["properties"]!["align"]), Is.EqualTo(Sorted(ScenarioKeys.Align)), "align");
            var faultTypes = defs["fault"]!["properties"]!["type"]!["enum"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal);
            Assert.That(faultTypes, Is.EqualTo(Beamline.Faults.FaultSchema.Types.Select(t => t.Name).Order(StringComparer.Ordinal)), "fault types");
        });
    }

    [Test]
    public void Every_regression_scenario_is_valid_against_the_schema()
    {
        if (ExternalTool.Find("python3") is null) Assert.Ignore("python3 is not installed");
        const string script = """
            import json, re, sys, yaml, jsonschema
            # YAML 1.2, as testbed and editors' YAML servers read it: only true/false are booleans (PyYAML's 1.1 makes the key on: True).
            class Loader(yaml.SafeLoader): pass
            Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
            Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for path in sys.argv[2:]:
                for e in validator.iter_errors(yaml.load(open(path), Loader=Loader)):
                    bad += 1
                    print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
            print(f"{len(sys.argv) - 2} files, {bad} errors")
            """;
        var files = Suite.ScenarioSuite.Files(Repository.Regression);
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", script, SchemaPath }.Concat(files)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (errors.Contains("No module named", StringComparison.Ordinal)) Assert.Ignore($"python3-jsonschema or python3-yaml is missing: {errors.Trim()}");
        Assert.That(p.ExitCode, Is.Zero, errors);
        Assert.That(output.Trim(), Is.EqualTo($"{files.Count} files, 0 errors"), output);
    }

    [Test]
    public void The_validator_rejects_what_the_loader_rejects()
    {
        if (ExternalTool.Find("python3") is null) Assert.Ignore("python3 is not installed");
        using var dir = new TempDirectory();
        var bad = dir.File("bad.yaml");
        File.WriteAllText(bad, "scenario: 1\nbeamline: x.yaml\nsteps:\n  - {wiat: 1}\nassertions:\n  - {points: {scan: a, count: -1}}\n");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "import json,sys,yaml,jsonschema; v=jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))); print(sum(1 for _ in v.iter_errors(yaml.safe_load(open(sys.argv[2])))))", SchemaPath, bad })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        var errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (errors.Contains("No module named", StringComparison.Ordinal)) Assert.Ignore($"python3-jsonschema or python3-yaml is missing: {errors.Trim()}");
        Assert.That(int.Parse(output, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(2), "a misspelt step and a negative count");
    }
}
