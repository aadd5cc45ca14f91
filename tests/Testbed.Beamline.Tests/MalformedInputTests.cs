using Testbed.Beamline;

namespace Testbed.Beamline.Tests;

/// <summary>Malformed files found by fuzzing (testbed fuzz beamline-yaml) end in a <see cref="ConfigException"/>, never another exception.</summary>
public class MalformedInputTests
{
    [Test]
    public void Unclosed_flow_list_holding_its_own_alias_is_invalid_yaml()
    {
        // YamlDotNet's document builder throws InvalidOperationException here instead of a YamlException.
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse("- &a [x\n- *a\n", "b.yaml"))!;
        Assert.That(e.Message, Does.StartWith("b.yaml: invalid YAML (").And.Contain("anchors"));
    }

    [TestCase('{', 20_000)]
    [TestCase('[', 20_000)]
    [TestCase('{', 65)]
    public void Deep_nesting_is_refused_before_it_overflows_the_stack(char open, int depth)
    {
        // 20 000 nested '{' overflowed the stack inside YamlDotNet and killed the process (testbed fuzz beamline-yaml).
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse(new string(open, depth), "b.yaml"))!;
        Assert.That(e.Message, Does.StartWith("b.yaml:1:65: ").And.Contain("nest deeper than 64 levels"));
        Assert.That(BeamlineConfig.Parse("- class: x\n  twin: " + new string('[', 60) + new string(']', 60) + "\n", "b.yaml").Controllers, Has.Count.EqualTo(1));
    }

    [Test]
    public void Integer_beyond_int_range_names_the_key()
    {
        var config = BeamlineConfig.Parse("- class: x\n  name: x\n  twin: {seed: 18446744073709551615, n: 4294967296}\n", "b.yaml");
        var twin = config.Controllers[0].Twin!;
        Assert.That(() => twin.Int("n", 0), Throws.TypeOf<ConfigException>().With.Message.Contains("key 'x.twin.n'").And.Message.Contains("out of range"));
        Assert.That(() => twin.Int("seed", 0), Throws.TypeOf<ConfigException>().With.Message.Contains("not a whole number"));
    }

    [TestCase("1e300")]
    [TestCase("-1")]
    [TestCase("1000001")]
    public void Duration_outside_0_to_a_million_seconds_names_the_key(string value)
    {
        var node = BeamlineConfig.Parse($"- class: x\n  name: x\n  timeout: {value}\n", "b.yaml").Controllers[0].Node;
        Assert.That(() => node.Seconds("timeout", 5), Throws.TypeOf<ConfigException>().With.Message.Contains("key 'x.timeout'").And.Message.Contains("outside 0…1000000 s"));
        Assert.That(node.Seconds("absent", 2.5), Is.EqualTo(TimeSpan.FromSeconds(2.5)));
    }
}
