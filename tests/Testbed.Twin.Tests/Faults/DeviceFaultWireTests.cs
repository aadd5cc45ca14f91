using Testbed.Twin.Faults;

namespace Testbed.Twin.Tests.Faults;

/// <summary>Device and world faults as a client sees them: MF, SR, IP, MO replies of the drive; the world's signals.</summary>
public class DeviceFaultWireTests
{
    private const long MfStuck = 0x200000;
    private const long SrMotorFailure = 1 << 6;
    private const long IpForwardLimitGold = 1 << 6;

    private static FaultSpec Spec(string name, FaultKind kind, string device, Dictionary<string, string>? choices = null, Dictionary<string, double>? numbers = null) =>
        new(name, kind, device, null, FaultStart.Now, null, numbers ?? [], choices ?? []);

    private static long Number(ServedRig rig, Elmo.RawUdpClient client, string command)
    {
        var reply = rig.Exchange(client, command + "\r") ?? throw new AssertionException($"{command} unanswered");
        Assert.That(reply, Does.StartWith(command + "\r").And.EndWith(";"), reply);
        return long.Parse(reply[(command.Length + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_stall_armed_on_the_second_PA_makes_the_next_BG_trip_with_MF_motor_stuck_and_the_motor_off()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: stall, target: m, on: {command: PA=, count: 2}}");
        using var c = rig.DriveClient();
        rig.Exchange(c, "MO=1\r");
        rig.Exchange(c, "PA=1000\r");
        rig.Exchange(c, "BG\r");
        rig.Advance(2);
        Assert.That((Number(rig, c, "MS"), Number(rig, c, "PX")), Is.EqualTo((0L, 1000L)), "the first move is unaffected");
        Assert.That(rig.Faults.Fired, Is.Empty);
        rig.Advance(0.25);
        Assert.That(rig.Exchange(c, "PA=2000\r"), Is.EqualTo("PA=2000\r;"), "the drive accepts the PA= that fires the stall");
        Assert.That(rig.Faults.Fired.Single().FiredAt, Is.EqualTo(TimeSpan.FromSeconds(2.25)));
        rig.Exchange(c, "BG\r");
        rig.Advance(1);
        Assert.That(Number(rig, c, "MF"), Is.EqualTo(MfStuck));
        Assert.That(Number(rig, c, "MO"), Is.Zero, "motor off");
        Assert.That(Number(rig, c, "SR") & SrMotorFailure, Is.EqualTo(SrMotorFailure));
        Assert.That(Number(rig, c, "PX"), Is.EqualTo(1000), "it never moved");
        Assert.That(rig.Faults.Clear("stall-1"), Is.True);
        rig.Exchange(c, "MO=1\r");
        Assert.That(Number(rig, c, "MF"), Is.Zero, "MO=1 clears the latched failure");
        rig.Exchange(c, "BG\r");
        rig.Advance(2);
        Assert.That(Number(rig, c, "PX"), Is.EqualTo(2000), "moves again once freed");
    }

    [Test]
    public async Task A_limit_switch_fault_sets_IP_bit_6_and_blocks_a_move_into_it_until_cleared()
    {
        await using var rig = await ServedRig.StartAsync("    - {type: limit_switch, target: m, side: forward}");
        using var c = rig.DriveClient();
        Assert.That(Number(rig, c, "IP") & IpForwardLimitGold, Is.EqualTo(IpForwardLimitGold), "active from time 0, wherever the axis is");
        rig.Exchange(c, "MO=1\r");
        rig.Exchange(c, "PA=500\r");
        rig.Exchange(c, "BG\r");
        rig.Advance(1);
        Assert.That(Number(rig, c, "PX"), Is.EqualTo(0), "blocked: no motion toward the active switch");
        rig.Faults.Clear("limit_switch-1");
        Assert.That(Number(rig, c, "IP") & IpForwardLimitGold, Is.Zero);
    }

    [Test]
    public async Task Following_error_latches_MF_0x100_and_a_motor_fault_refuses_MO_1_with_error_66_until_cleared()
    {
        await using var rig = await ServedRig.StartAsync();
        using var c = rig.DriveClient();
        rig.Exchange(c, "MO=1\r");
        rig.Faults.Inject(Spec("fe", FaultKind.FollowingError, "m_ctrl"));
        Assert.That((Number(rig, c, "MF"), Number(rig, c, "MO")), Is.EqualTo((0x100L, 0L)));
        rig.Faults.Inject(Spec("amp", FaultKind.MotorFault, "m_ctrl", choices: new() { ["code"] = "over_temperature" }));
        Assert.That(Number(rig, c, "SR") & 0xF, Is.EqualTo(13), "SR bits 0-3: over-temperature");
        Assert.That(rig.Exchange(c, "MO=1\r"), Is.EqualTo("MO=1\r?;"));
        Assert.That(Number(rig, c, "EC"), Is.EqualTo(66));
        rig.Faults.Clear("amp");
        Assert.That(rig.Exchange(c, "MO=1\r"), Is.EqualTo("MO=1\r;"));
    }

    [Test]
    public async Task Beam_loss_takes_every_signal_to_zero_for_its_duration_and_intensity_drop_scales_it()
    {
        await using var rig = await ServedRig.StartAsync("""
                - {type: beam_loss, target: world, at: 1, for: 0.5}
                - {type: intensity_drop, target: world, at: 3, factor: 0.25}
            """);
        var world = rig.Served.World!;
        double I0() => world.Snapshot().Signals["i0"];
        Assert.That(I0(), Is.EqualTo(1));
        rig.Advance(1);
        Assert.That(I0(), Is.Zero);
        Assert.That(world.Snapshot().Signals["transmitted"], Is.Zero);
        rig.Advance(0.5);
        Assert.That(I0(), Is.EqualTo(1));
        rig.Advance(1.5);
        Assert.That(I0(), Is.EqualTo(0.25));
        Assert.That(world.Source.Mean(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)), Is.EqualTo(0.5).Within(0.07),
            "a window integrated afterwards still sees the outage (half of it dark)");
        rig.Faults.Clear("intensity_drop-2");
        Assert.That(I0(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_fault_aimed_at_a_device_it_cannot_hit_is_refused_naming_both()
    {
        await using var rig = await ServedRig.StartAsync();
        Assert.That(() => rig.Faults.Inject(Spec("x", FaultKind.Stall, "kdio")),
            Throws.ArgumentException.With.Message.StartWith("fault x: a Stall fault cannot hit 'kdio' (Keithley"));
        Assert.That(() => rig.Faults.Inject(Spec("y", FaultKind.Drop, "nobody")),
            Throws.ArgumentException.With.Message.EqualTo("no device 'nobody' in this beamline; devices: m_ctrl, kdio, world"));
        Assert.That(rig.Faults.All, Is.Empty, "nothing half-armed");
    }
}
