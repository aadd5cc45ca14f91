using Testbed.Beamline;
using Testbed.Drivers.Elmo;

namespace Testbed.Drivers.Tests.Elmo;

/// <summary>Spec §4.1: the BLISS-style <c>class: elmo</c> entry mapped to driver settings.</summary>
public sealed class ConfigTests
{
    private const string Rot = """
        - class: elmo
          name: rot_ctrl
          udp:
            url: 10.0.0.7
          axes:
            - name: rot
              unit: deg
              steps_per_unit: 26222.2
              velocity: 14.4
              acceleration: 28.8
              low_limit: -170
              high_limit: 170
              backlash: 0.05
              tolerance: 0.0005
              sign: -1
              offset: 3
              polling_time: 0.05
              user_mode: 4
              control_slave: true
              home_position: 1200
              jog_velocity: 2
          twin:
            personality: gold
            anything: [1, 2]
        """;

    private static ElmoAxis Build(string yaml) => ElmoDriverFactory.CreateAxes(BeamlineConfig.Parse(yaml, "beam.yaml")).Single();

    [Test]
    public async Task Every_axis_key_reaches_the_settings_and_the_port_defaults_to_5001()
    {
        await using var axis = Build(Rot);

        var s = axis.Settings;
        Assert.That(axis.Controller.Settings.Host, Is.EqualTo("10.0.0.7"));
        Assert.That(axis.Controller.Settings.Port, Is.EqualTo(5001));
        Assert.That(axis.Controller.Address, Is.EqualTo("udp://10.0.0.7:5001"));
        Assert.That(axis.Controller.Settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(axis.Controller.Settings.Name, Is.EqualTo("rot_ctrl"));
        Assert.That((s.Name, s.Unit, s.StepsPerUnit, s.Velocity, s.Acceleration), Is.EqualTo(("rot", "deg", 26222.2, 14.4, 28.8)));
        Assert.That((s.LowLimit, s.HighLimit, s.Backlash, s.Tolerance), Is.EqualTo((-170.0, 170.0, 0.05, 0.0005)));
        Assert.That((s.Sign, s.Offset, s.PollingTime), Is.EqualTo((-1, 3.0, TimeSpan.FromMilliseconds(50))));
        Assert.That((s.UserMode, s.ControlSlave, s.HomePosition, s.JogVelocity), Is.EqualTo((4, true, 1200.0, (double?)2)));
        Assert.That(axis.Limits, Is.EqualTo((-167.0, 173.0)));
    }

    [Test]
    public async Task Defaults_follow_bliss()
    {
        await using var axis = Build("""
            - class: Elmo
              udp: {url: "127.0.0.1:5007", timeout: 1.5}
              axes:
                - {name: tx, steps_per_unit: 2000, velocity: 5, acceleration: 20}
            """);

        var s = axis.Settings;
        Assert.That(axis.Controller.Address, Is.EqualTo("udp://127.0.0.1:5007"));
        Assert.That(axis.Controller.Settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
        Assert.That(axis.Controller.Settings.FirstContactTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(axis.Controller.Settings.Attempts, Is.EqualTo(3));
        Assert.That((s.Sign, s.Offset, s.Backlash, s.Tolerance, s.UserMode, s.ControlSlave), Is.EqualTo((1, 0.0, 0.0, 1e-4, 5, false)));
        Assert.That(s.PollingTime, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
        Assert.That(axis.DialLimits, Is.EqualTo((double.NegativeInfinity, double.PositiveInfinity)));
    }

    [Test]
    public async Task A_lossy_network_may_get_more_attempts()
    {
        await using var axis = Build("""
            - class: elmo
              udp: {url: "127.0.0.1:5007", timeout: 0.2, attempts: 8}
              axes:
                - {name: tx, steps_per_unit: 2000, velocity: 5, acceleration: 20}
            """);
        Assert.That((axis.Controller.Settings.Timeout, axis.Controller.Settings.Attempts), Is.EqualTo((TimeSpan.FromSeconds(0.2), 8)));
    }

    [TestCase("steps_per_unit")]
    [TestCase("velocity")]
    [TestCase("acceleration")]
    public void Missing_mandatory_key_names_file_line_and_key(string key)
    {
        var lines = new List<string> { "- class: elmo", "  udp: {url: 127.0.0.1}", "  axes:", "    - name: rot" };
        foreach (var (k, v) in new[] { ("steps_per_unit", "100"), ("velocity", "1"), ("acceleration", "2") })
            if (k != key) lines.Add($"      {k}: {v}");

        var e = Assert.Throws<ConfigException>(() => Build(string.Join("\n", lines)));

        Assert.That(e!.Message, Does.StartWith("beam.yaml:4:").And.Contain($"missing configuration key '{key}'"));
    }

    [Test]
    public void Misspelt_axis_key_is_refused_with_a_suggestion()
    {
        var e = Assert.Throws<ConfigException>(() => Build(Rot.Replace("backlash:", "backlsh:")));

        Assert.That(e!.Message, Does.StartWith("beam.yaml:13:").And.Contain("did you mean 'backlash'"));
    }

    [TestCase("url: 127.0.0.1:99999", "is not a port number")]
    [TestCase("url: 'host/x'", "is not host[:port]")]
    [TestCase("timeout: 0\n    url: a", "timeout must be a positive number")]
    [TestCase("timeout: 1e300\n    url: a", "outside 0…1000000 s")] // found by fuzzing: was an OverflowException
    [TestCase("attempts: 0\n    url: a", "attempts is 1…20 tries per command (BLISS: 3), not 0")]
    public void Bad_udp_block_is_refused_with_its_line(string udp, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Build(Rot.Replace("url: 10.0.0.7", udp)));

        Assert.That(e!.Message, Does.StartWith("beam.yaml:").And.Contain(problem));
    }

    [Test]
    public void Missing_udp_block_is_refused()
    {
        var e = Assert.Throws<ConfigException>(() => Build("- class: elmo\n  axes:\n    - {name: a, steps_per_unit: 1, velocity: 1, acceleration: 1}"));

        Assert.That(e!.Message, Does.StartWith("beam.yaml:1:").And.Contain("missing configuration key 'udp'"));
    }

    [TestCase("steps_per_unit: 26222.2", "steps_per_unit: 0", "must not be 0")]
    [TestCase("velocity: 14.4", "velocity: -1", "velocity must be positive")]
    [TestCase("sign: -1", "sign: 2", "sign must be 1 or -1")]
    [TestCase("low_limit: -170", "low_limit: 200", "is above high_limit")]
    public void Bad_axis_values_are_refused(string from, string to, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Build(Rot.Replace(from, to)));

        Assert.That(e!.Message, Does.StartWith("beam.yaml:").And.Contain(problem));
    }

    [Test]
    public void Two_axes_on_one_drive_are_refused()
    {
        var yaml = Rot.Replace("  twin:", "    - {name: rot2, steps_per_unit: 1, velocity: 1, acceleration: 1}\n  twin:");

        var e = Assert.Throws<ConfigException>(() => Build(yaml));

        Assert.That(e!.Message, Does.Contain("drives exactly one axis"));
    }

    [Test]
    public async Task Demo_beamline_gives_three_axes_on_three_ports()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Testbed.sln"))) dir = dir.Parent;
        if (dir is null) Assert.Ignore("the repository (Testbed.sln) is not above the test directory; run the tests from a checkout");
        var beamline = BeamlineConfig.Load(Path.Combine(dir.FullName, "scenarios", "beamlines", "demo.yaml"));

        var axes = ElmoDriverFactory.CreateAxes(beamline);
        try
        {
            Assert.That(axes.Select(a => a.Name), Is.EqualTo(new[] { "tx", "ty", "rot" }), "file order: the demo scans the first axis, tx");
            Assert.That(axes.Select(a => a.Controller.Settings.Port), Is.EqualTo(new[] { 5002, 5003, 5001 }));
            Assert.That(axes[1].StepsPerUnit, Is.EqualTo(-2000));
            await using var ty = ElmoDriverFactory.CreateAxis(beamline, "ty", adjust: s => s with { FirstContactTimeout = TimeSpan.FromSeconds(1) });
            Assert.That(ty.Controller.Address, Is.EqualTo("udp://127.0.0.1:5003"));
            Assert.That(ty.Controller.Settings.FirstContactTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.Throws<ConfigException>(() => ElmoDriverFactory.CreateAxis(beamline, "nope"));
        }
        finally
        {
            foreach (var a in axes) await a.DisposeAsync();
        }
    }
}
