using Testbed.Beamline;
using Testbed.TestSupport;

namespace Testbed.Beamline.Tests;

public class BeamlineConfigTests
{
    private const string TwoDrives = """
        - class: elmo
          name: rot_ctrl
          udp:
            url: 127.0.0.1:5001
          axes:
            - name: rot
              steps_per_unit: 26222.2
              velocity: 14.4
        - class: Elmo
          udp: {url: 127.0.0.1:5002}
          axes:
            - name: tx
              steps_per_unit: -2000
        """;

    [Test]
    public void Reads_a_bliss_style_controller_list()
    {
        var config = BeamlineConfig.Parse(TwoDrives, "demo.yaml");
        Assert.That(config.Controllers.Select(c => c.Name), Is.EqualTo(new[] { "rot_ctrl", "tx" }));
        Assert.That(config.OfClass("elmo").Count(), Is.EqualTo(2), "class names compare case-insensitively, as BLISS resolves them");
        var rot = config.Controllers[0].Axes[0];
        Assert.That(rot.RequireDouble("steps_per_unit"), Is.EqualTo(26222.2));
        Assert.That(config.Controllers[0].Node.Require("udp").RequireString("url"), Is.EqualTo("127.0.0.1:5001"));
        Assert.That(rot.Location, Is.EqualTo("demo.yaml:6:7"));
    }

    [Test]
    public void Accepts_a_mapping_with_a_controllers_list()
    {
        var config = BeamlineConfig.Parse("controllers:\n  - class: elmo\n    name: a\n", "b.yaml");
        Assert.That(config.Controllers.Single().Name, Is.EqualTo("a"));
    }

    [Test]
    public void Missing_key_names_file_line_and_key()
    {
        var config = BeamlineConfig.Parse(TwoDrives, "demo.yaml");
        var e = Assert.Throws<ConfigException>(() => config.Controllers[1].Axes[0].RequireDouble("velocity"))!;
        Assert.That(e.Message, Is.EqualTo("demo.yaml:12:7: key 'tx.axes[0].velocity': missing configuration key 'velocity'; add it to this block"));
    }

    [Test]
    public void Wrong_type_names_the_value_line()
    {
        var config = BeamlineConfig.Parse("- class: elmo\n  axes:\n    - name: a\n      velocity: fast\n", "x.yaml");
        var e = Assert.Throws<ConfigException>(() => config.Controllers[0].Axes[0].RequireDouble("velocity"))!;
        Assert.That(e.Location, Is.EqualTo("x.yaml:4:17"));
        Assert.That(e.Key, Is.EqualTo("a.axes[0].velocity"));
        Assert.That(e.Message, Does.Contain("'fast' is not a number"));
    }

    [Test]
    public void Invalid_yaml_reports_the_line()
    {
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse("- class: elmo\n  udp: {url: [unclosed\n", "bad.yaml"))!;
        Assert.That(e.Message, Does.StartWith("bad.yaml:"));
        Assert.That(e.Message, Does.Contain("invalid YAML"));
    }

    [Test]
    public void Typo_in_a_key_suggests_the_known_one()
    {
        var config = BeamlineConfig.Parse("- class: elmo\n  twin:\n    personalty: gold\n", "t.yaml");
        var e = Assert.Throws<ConfigException>(() => config.Controllers[0].Twin!.ExpectOnly("personality", "fls", "rls"))!;
        Assert.That(e.Message, Is.EqualTo("t.yaml:3:5: key 'elmo@1.twin.personalty': unknown key; did you mean 'personality'?"));
    }

    [Test]
    public void Duplicate_axis_names_are_refused_with_both_places()
    {
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse(
            "- class: elmo\n  name: a\n  axes: [{name: x}]\n- class: elmo\n  name: b\n  axes: [{name: x}]\n", "d.yaml"))!;
        Assert.That(e.Message, Does.Contain("axis name 'x' is used twice (first at d.yaml:3:10)"));
    }

    [Test]
    public void Controller_without_class_is_refused()
    {
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Parse("- name: lonely\n", "c.yaml"))!;
        Assert.That(e.Message, Does.Contain("missing configuration key 'class'"));
    }

    [Test]
    public void Unreadable_file_is_a_config_error_naming_the_file()
    {
        using var dir = new TempDirectory("cfg");
        var path = dir.File("absent.yaml");
        var e = Assert.Throws<ConfigException>(() => BeamlineConfig.Load(path))!;
        Assert.That(e.Message, Does.StartWith(path + ": cannot read the beamline file"));
    }

    [Test]
    public void Shipped_demo_beamline_loads()
    {
        var path = Path.Combine(RepoRoot(), "scenarios", "beamlines", "demo.yaml");
        var config = BeamlineConfig.Load(path);
        Assert.That(config.OfClass("elmo").SelectMany(c => c.Axes).Count(), Is.GreaterThanOrEqualTo(3));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Testbed.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Testbed.sln not found above the test directory");
    }
}
