using Testbed.Beamline;

namespace Testbed.Beamline.Tests.Schema;

/// <summary>One check of the BLISS keys for every command: a typo is an error, a key nobody reads a warning.</summary>
public class BeamlineSchemaTests
{
    private const string Elmo = """
        - class: elmo
          name: rot_ctrl
          udp: {url: 127.0.0.1:5001}
          axes:
            - name: rot
              steps_per_unit: 100
              velocity: 1
              acceleration: 2
        """;

    [Test]
    public void A_near_miss_of_a_known_key_is_an_error_at_load_with_the_suggestion()
    {
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse(Elmo.Replace("steps_per_unit", "step_per_unit"), "b.yaml"))!;
        Assert.That(e.Message, Is.EqualTo("b.yaml:6:7: key 'rot_ctrl.axes[0].step_per_unit': unknown key; did you mean 'steps_per_unit'?"));
    }

    [TestCase("udp: {url: 127.0.0.1:5001, timout: 1}", "rot_ctrl.udp.timout", "did you mean 'timeout'?")]
    [TestCase("udp: {url: 127.0.0.1:5001}\n  nmae: x", "rot_ctrl.nmae", "did you mean 'name'?")]
    public void Typos_are_caught_in_every_block(string replacement, string key, string hint)
    {
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse(Elmo.Replace("udp: {url: 127.0.0.1:5001}", replacement), "b.yaml"))!;
        Assert.That(e.Key, Is.EqualTo(key));
        Assert.That(e.Message, Does.EndWith(hint));
    }

    [Test]
    public void A_key_nobody_reads_is_a_warning_naming_its_line()
    {
        var config = BeamlineConfig.Parse(Elmo + "\n  comment_for_humans: rotation stage", "b.yaml");
        Assert.That(config.Warnings, Is.EqualTo(new[]
        {
            "b.yaml:9:3: key 'rot_ctrl.comment_for_humans': a key testbed does not read, so it has no effect; check the spelling, or remove it",
        }));
    }

    [Test]
    public void The_twin_block_and_unknown_classes_are_left_to_their_readers()
    {
        var config = BeamlineConfig.Parse(Elmo + "\n  twin: {anything: 1}\n- class: wago\n  name: w\n  whatever: 2", "b.yaml");
        Assert.That(config.Warnings, Is.Empty);
    }
}
