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
