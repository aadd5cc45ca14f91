using Testbed.Twin.Host.Control;

namespace Testbed.Twin.Tests.Host.Control;

public class TwinControlTests
{
    [Test]
    public async Task A_position_set_through_the_control_API_is_what_PX_answers_on_the_wire()
    {
        await using var rig = await ControlRig.StartAsync();

        var report = rig.Control.Set("m2", "position", new ControlValue("1234"));
        Assert.That(report.State["position"], Is.EqualTo(1234L));
        Assert.That(rig.Udp("m2", "PX\r"), Is.EqualTo("PX\r1234;"));

        // In user units of the file's axis: 0.3 mm at 2000 steps/mm.
        rig.Control.Set("tx_ctrl", "user_position", new ControlValue("0.3"));
        Assert.That(rig.Udp("tx_ctrl", "PX\r"), Is.EqualTo("PX\r600;"));
        Assert.That(rig.Control.Get("world").State["position.tx"], Is.EqualTo(0.3).Within(1e-12), "the world reads the placed axis");
    }

    [Test]
    public async Task Limit_switches_and_faults_set_through_the_API_are_what_the_drive_reports()
    {
        await using var rig = await ControlRig.StartAsync();
        Assert.That(rig.Udp("m2", "MO=1\r"), Is.EqualTo("MO=1\r;"));

        rig.Control.Set("m2", "forward_limit", new ControlValue("true"));
        var state = rig.Control.Get("m2").State;
        Assert.That(state["forward_limit"], Is.EqualTo(true));
        var ip = long.Parse(rig.Udp("m2", "IP\r")[3..^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(ip & (1 << 6), Is.Not.Zero, "IP bit 6 (Gold: forward limit, spec §3.6) shows it active on the wire");

        rig.Control.Set("m2", "fault", new ControlValue("following_error"));
        Assert.That(rig.Control.Get("m2").State["motor_on"], Is.EqualTo(false), "a following error switches the motor off");
        Assert.That(rig.Udp("m2", "MF\r"), Is.EqualTo("MF\r256;"), "MF shows the position-tracking bit");
        rig.Control.Set("m2", "fault", new ControlValue("none"));
        Assert.That(rig.Udp("m2", "MF\r"), Is.EqualTo("MF\r0;"));
    }

    [Test]
    public async Task A_paused_clock_stops_motion_and_a_step_advances_it_exactly()
    {
        await using var a = await ControlRig.StartAsync();
        await using var b = await ControlRig.StartAsync();
        foreach (var rig in new[] { a, b })
            foreach (var command in new[] { "MO=1\r", "PA=100000\r", "BG\r" })
                Assert.That(rig.Udp("tx_ctrl", command), Does.EndWith(";"), command);

        Assert.That(a.Control.Clock().Paused, Is.True);
        Assert.That(a.Control.Get("tx_ctrl").State["position"], Is.EqualTo(0L), "no virtual time has passed: the axis has not moved");
        Assert.That(a.Udp("tx_ctrl", "PX\r"), Is.EqualTo("PX\r0;"));

        var before = a.Control.Clock().ElapsedSeconds;
        a.Control.Step(TimeSpan.FromSeconds(0.2));
        var after = a.Control.Step(TimeSpan.FromSeconds(0.3));
        b.Control.Step(TimeSpan.FromSeconds(0.5));
        Assert.That(after.ElapsedSeconds - before, Is.EqualTo(0.5).Within(1e-7), "virtual time moved by the steps exactly");
        var moved = (long)a.Control.Get("tx_ctrl").State["position"]!;
        Assert.That(moved, Is.GreaterThan(0).And.LessThan(100000), "the axis is on its way");
        Assert.That(a.Control.Get("tx_ctrl").State["moving"], Is.EqualTo(true));
        Assert.That(moved, Is.EqualTo(b.Control.Get("tx_ctrl").State["position"]), "0.2 s + 0.3 s is where one 0.5 s step puts the axis");
        Assert.That(a.Udp("tx_ctrl", "PX\r"), Is.EqualTo($"PX\r{moved};"), "the wire sees the stepped position");

        a.Control.Step(TimeSpan.FromSeconds(10));
        Assert.That(a.Control.Get("tx_ctrl").State["position"], Is.EqualTo(100000L), "a long step ends the move");
    }

    [Test]
    public async Task The_world_follows_the_beam_level_and_the_sample_centre_set_through_the_API()
    {
        await using var rig = await ControlRig.StartAsync();
        double Transmitted() => (double)rig.Control.Get("world").State["signal.transmitted"]!;
        Assert.That(Transmitted(), Is.EqualTo(0.1 + 0.9 * Math.Exp(-0.5 * 4)).Within(1e-12), "tx at 0, peak at 0.3 (2σ away)");

        rig.Control.Set("world", "sample.0.centre", new ControlValue("0"));
        Assert.That(Transmitted(), Is.EqualTo(1.0).Within(1e-12), "the peak moved under the beam");

        rig.Control.Set("world", "intensity", new ControlValue("0.5"));
        Assert.That(Transmitted(), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(rig.Control.Get("world").State["signal.source"], Is.EqualTo(0.5).Within(1e-12));

        rig.Control.Set("world", "offset.tx", new ControlValue("0.15"));
        Assert.That(Transmitted(), Is.EqualTo(0.5 * (0.1 + 0.9 * Math.Exp(-0.5))).Within(1e-12), "the sample sits 1σ off");
    }

    [Test]
    public async Task A_counter_reports_the_current_set_at_its_input()
    {
        await using var rig = await ControlRig.StartAsync();
        var report = rig.Control.Set("pico", "current", new ControlValue("2.5e-9"));
        Assert.That(report.State["current"], Is.EqualTo(2.5e-9));
        rig.Control.Set("pico", "range", new ControlValue("2e-7"));
        Assert.That(rig.Control.Get("pico").State["range"], Is.EqualTo(2e-7));
        Assert.That(rig.Control.Get("det1").State["state"], Is.Not.Null);
    }

    [Test]
    public async Task Refusals_name_what_exists()
    {
        await using var rig = await ControlRig.StartAsync();
        var unknown = Assert.Throws<ControlException>(() => rig.Control.Get("m9"))!;
        Assert.That(unknown.Message, Is.EqualTo("no device 'm9'; devices: tx_ctrl, m2, pico, det1, world"));
        Assert.That(unknown.Problem, Is.EqualTo(ControlProblem.NotFound));

        var key = Assert.Throws<ControlException>(() => rig.Control.Set("m2", "speed", new ControlValue("1")))!;
        Assert.That(key.Message, Is.EqualTo("axis 'm2' has no settable key 'speed'; keys: position, motor_on, forward_limit, reverse_limit, fault"));

        var value = Assert.Throws<ControlException>(() => rig.Control.Set("m2", "position", new ControlValue("far")))!;
        Assert.That(value.Message, Is.EqualTo("position: 'far' is not a whole number"));
        Assert.That(value.Problem, Is.EqualTo(ControlProblem.BadValue));

        var fault = Assert.Throws<ControlException>(() => rig.Control.Set("m2", "fault", new ControlValue("smoke")))!;
        Assert.That(fault.Message, Does.StartWith("fault: no Elmo fault 'smoke'; faults: none, following_error, "));

        Assert.That(() => rig.Control.Set("det1", "state", new ControlValue("idle")),
            Throws.TypeOf<ControlException>().With.Message.EqualTo("detector 'det1' has no settable state; read it with GET /api/devices/det1"));
    }
}
