using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Spec §5 motion items (14-16, 23-29, 39-40, 43) over real UDP, with virtual time stepped by the test.</summary>
public class ChecklistMotionTests
{
    private const int Target = 262222;

    private static ElmoTestTwin MovingTwin(ElmoDriveSettings? settings = null)
    {
        var t = ElmoTestTwin.Start(settings);
        t.Ok("MO=1");
        t.Advance(100);
        t.Ok("SP=377599");
        t.Ok("AC=755199");
        t.Ok("DC=755199");
        t.Ok($"PA={Target}");
        return t;
    }

    [Test]
    public void C14_BG_then_MS_is_2_and_SR_bit7_set()
    {
        using var t = MovingTwin();
        t.Ok("BG");
        Assert.That(t.Client.Exchange("MS\r"), Is.EqualTo("MS\r2;"), "the very next query after BG");
        Assert.That(t.Bit("SR", 7), Is.True);
    }

    [Test]
    public void C15_PX_is_monotonic_toward_the_target_and_DV3_leads_it()
    {
        using var t = MovingTwin();
        t.Ok("BG");
        var last = t.Number("PX");
        for (var i = 0; i < 12; i++)
        {
            t.Advance(100);
            var px = t.Number("PX");
            var dv = t.Number("DV[3]");
            Assert.That(px, Is.GreaterThanOrEqualTo(last), $"PX at step {i}");
            Assert.That(dv, Is.GreaterThanOrEqualTo(px).And.LessThanOrEqualTo(Target), "the reference leads the lagging actual position");
            last = px;
        }
        Assert.That(last, Is.GreaterThan(Target - 1000));
    }

    [Test]
    public void C16_after_profile_and_settle_MS_0_PX_in_radius_and_PA_is_target()
    {
        using var t = MovingTwin();
        t.Ok("BG");
        // Trapezoid: 0.5 s ramp up, 0.194 s cruise, 0.5 s ramp down = 1.194 s; then lag settle and TR[2].
        t.Advance(1150);
        Assert.That(t.Number("MS"), Is.EqualTo(2), "still on the ramp down");
        t.Advance(100);
        Assert.That(t.Client.Exchange("MS\r"), Is.EqualTo("MS\r0;"));
        Assert.That(t.Bit("SR", 7), Is.False);
        Assert.That(t.Number("PX"), Is.InRange(Target - 10, Target + 10));
        Assert.That(t.Client.Exchange("PA\r"), Is.EqualTo($"PA\r{Target};"));
    }

    [Test]
    public void C23_ST_mid_move_decelerates_at_SD_then_MS_1_then_0_and_PA_keeps_old_target()
    {
        using var t = MovingTwin();
        t.Ok("SD=10000000");
        t.Ok("BG");
        t.Advance(600); // cruising at 377599 counts/s
        var atStop = t.Number("DV[3]");
        t.Ok("ST");
        t.Advance(10);
        Assert.That(t.Number("DV[2]"), Is.InRange(377599 - 10_000_000 * 0.010 - 100, 377599 - 10_000_000 * 0.010 + 100), "braking at SD");
        t.Advance(30); // the ramp lasts v/SD = 37.8 ms
        Assert.That(t.Number("MS"), Is.EqualTo(1), "reference at rest, still settling");
        var brake = 377599.0 * 377599 / (2 * 10_000_000);
        Assert.That(t.Number("DV[3]"), Is.InRange(atStop + brake - 50, atStop + brake + 50));
        t.Advance(100);
        Assert.That(t.Number("MS"), Is.Zero);
        Assert.That(t.Number("PA"), Is.EqualTo(Target), "ST does not touch PA");
    }

    [Test]
    public void C24_negative_jog_ramps_to_JV_and_JV_0_BG_stops_it()
    {
        using var t = ElmoTestTwin.Start();
        t.Ok("MO=1");
        t.Ok("JV=-5000");
        t.Ok("BG");
        t.Advance(2);
        Assert.That(t.Number("DV[2]"), Is.InRange(-2100, -1900), "ramping at AC=1e6");
        t.Advance(200);
        var p1 = t.Number("PX");
        Assert.That(t.Number("VX"), Is.InRange(-5001, -4999));
        t.Advance(100);
        Assert.That(t.Number("PX"), Is.InRange(p1 - 501, p1 - 499));
        t.Ok("JV=0");
        t.Ok("BG");
        Assert.That(t.Number("MS"), Is.EqualTo(2), "still decelerating");
        t.Advance(10);
        Assert.That(t.Number("MS"), Is.Not.EqualTo(2));
        t.Advance(100);
        Assert.That(t.Number("MS"), Is.Zero);
    }

    [Test]
    public void Speed_mode_MS_is_2_while_ramping_to_JV_then_1()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { Personality = ElmoPersonality.SimplIq });
        t.Ok("UM=2");
        t.Ok("PM=1");
        t.Ok("MO=1");
        t.Ok("JV=10000");
        t.Ok("BG");
        Assert.That(t.Number("MS"), Is.EqualTo(2));
        Assert.That((t.Number("SR") >> 7) & 7, Is.EqualTo(2), "SimplIQ SR bits 7-9 = UM");
        t.Advance(60); // the ramp takes JV/AC = 10 ms, then the lag settles
        Assert.That(t.Number("MS"), Is.EqualTo(1));
        Assert.That(t.Number("VX"), Is.EqualTo(10000));
    }

    [TestCase(ElmoPersonality.Gold, 6)]
    [TestCase(ElmoPersonality.SimplIq, 10)]
    public void C25_forward_limit_blocks_the_move_keeps_MS_2_until_ST_and_sets_SR_bit28(ElmoPersonality personality, int flsBit)
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { Personality = personality, ForwardLimitPosition = 100000 });
        t.Ok("MO=1");
        t.Ok("PA=200000");
        t.Ok("BG");
        t.Advance(1000);
        Assert.That(t.Bit("IP", flsBit), Is.False, "not there yet");
        t.Advance(1000);
        Assert.That(t.Bit("IP", flsBit), Is.True);
        Assert.That(t.Number("PX"), Is.InRange(100000, 100000 + 100000 * 0.005 + 20), "stopped at the switch plus the lag");
        Assert.That(t.Number("MS"), Is.EqualTo(2), "the profiler keeps running against the limit");
        Assert.That(t.Bit("SR", 28), Is.True);
        t.Advance(2000);
        Assert.That(t.Number("MS"), Is.EqualTo(2));
        t.Ok("ST");
        t.Advance(100);
        Assert.That(t.Number("MS"), Is.Zero);
        Assert.That(t.Bit("SR", 28), Is.False);
    }

    [Test]
    public void C26_moving_away_from_an_active_forward_limit_clears_it_within_1_s()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { ForwardLimitPosition = 100000, InitialPosition = 100400 });
        t.Ok("MO=1");
        Assert.That(t.Bit("IP", 6), Is.True);
        t.Ok("PA=50000");
        t.Ok("BG");
        Assert.That(t.Bit("SR", 28), Is.False, "away from the switch is allowed");
        t.Advance(1000);
        Assert.That(t.Bit("IP", 6), Is.False);
        Assert.That(t.Number("PX"), Is.LessThan(100000));
    }

    [TestCase(ElmoPersonality.Gold, 7)]
    [TestCase(ElmoPersonality.SimplIq, 11)]
    public void C27_reverse_limit_sets_its_IP_bit_and_blocks_negative_motion(ElmoPersonality personality, int rlsBit)
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { Personality = personality, ReverseLimitPosition = -100000, InitialPosition = -100200 });
        t.Ok("MO=1");
        t.Advance(50);
        Assert.That(t.Bit("IP", rlsBit), Is.True);
        t.Ok("PA=-200000");
        t.Ok("BG");
        t.Advance(1000);
        Assert.That(t.Number("PX"), Is.EqualTo(-100200), "no motion toward −");
        Assert.That(t.Number("MS"), Is.EqualTo(2));
        Assert.That(t.Bit("SR", 28), Is.True);
    }

    [TestCase(ElmoPersonality.Gold, 8)]
    [TestCase(ElmoPersonality.SimplIq, 12)]
    public void C28_inhibit_sets_its_IP_bit_and_MO_1_fails_with_EC_51(ElmoPersonality personality, int inhibitBit)
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { Personality = personality });
        t.Drive.SetInput(ElmoInput.Inhibit, true);
        Assert.That(t.Bit("IP", inhibitBit), Is.True);
        t.Fails("MO=1", ElmoError.InhibitActive);
        Assert.That(t.Number("MO"), Is.Zero);
        t.Drive.SetInput(ElmoInput.Inhibit, false);
        t.Ok("MO=1");
    }

    [Test]
    public void C29_homing_on_the_home_switch_rebases_PX_and_stops()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { HomeSwitch = (-1000, 1000), InitialPosition = -50000 });
        t.Ok("MO=1");
        foreach (var c in new[] { "HM[3]=3", "HM[2]=0", "HM[4]=0", "HM[5]=0", "HM[1]=1" }) t.Ok(c);
        Assert.That(t.Number("HM[1]"), Is.EqualTo(1));
        t.Ok("JV=100000");
        t.Ok("BG");
        t.Advance(20);
        Assert.That(t.Bit("SR", 7), Is.True);
        t.Advance(1000);
        Assert.That(t.Client.Exchange("HM[1]\r"), Is.EqualTo("HM[1]\r0;"));
        Assert.That(t.Bit("SR", 7), Is.False, "the homing stop ended the jog");
        // PX was set to 0 at the switch edge; it ends at 0 plus the braking distance (lag v·τ plus v²/2SD).
        Assert.That(t.Number("PX"), Is.InRange(0, 100000 * 0.005 + 15));
        t.Ok("PA=PX");
        t.Advance(50);
        Assert.That(t.Number("MS"), Is.Zero);
    }

    [Test]
    public void C39_MO_0_mid_move_stops_the_profiler_for_good()
    {
        using var t = MovingTwin();
        t.Ok("BG");
        t.Advance(300);
        t.Ok("MO=0");
        Assert.That(t.Number("MS"), Is.EqualTo(1));
        Assert.That(t.Bit("SR", 4), Is.False);
        var px = t.Number("PX");
        t.Advance(500);
        Assert.That(t.Number("PX"), Is.EqualTo(px), "the motor holds");
        t.Ok("MO=1");
        t.Advance(2000);
        Assert.That(t.Number("PX"), Is.EqualTo(px), "no PTP resumes without a new BG");
        Assert.That(t.Number("MS"), Is.Zero);
    }

    [Test]
    public void C40_injected_following_error_latches_SR_bit6_and_MF_0x100_and_MO_1_clears_it()
    {
        using var t = MovingTwin();
        t.Ok("BG");
        t.Advance(200);
        t.Drive.InjectFault(ElmoFault.FollowingError);
        Assert.That(t.Bit("SR", 6), Is.True);
        Assert.That(t.Number("MO"), Is.Zero);
        Assert.That(t.Number("MF") & 0x100, Is.EqualTo(0x100));
        t.Ok("MO=1");
        Assert.That(t.Bit("SR", 6), Is.False);
        Assert.That(t.Number("MF"), Is.Zero);
    }

    [Test]
    public void C40_amplifier_fault_sets_SR_bits_0_to_3_and_refuses_MO_1_until_cleared()
    {
        using var t = ElmoTestTwin.Start();
        t.Ok("MO=1");
        t.Drive.InjectFault(ElmoFault.OverVoltage);
        Assert.That(t.Number("SR") & 0xF, Is.EqualTo(5));
        t.Fails("MO=1", ElmoError.AmplifierNotReady);
        t.Drive.ClearFaults();
        t.Ok("MO=1");
        Assert.That(t.Number("SR") & 0xF, Is.Zero);
    }

    [Test]
    public void C43_SimplIq_SR_carries_UM_in_bits_7_to_9_MS_in_14_15_and_homing_in_11()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { Personality = ElmoPersonality.SimplIq, HomeSwitch = (5000, 6000) });
        Assert.That((t.Number("SR") >> 14) & 3, Is.EqualTo(1), "MS=1 with the motor off");
        t.Ok("MO=1");
        t.Advance(100);
        var sr = t.Number("SR");
        Assert.That((sr >> 7) & 7, Is.EqualTo(5));
        Assert.That((sr >> 14) & 3, Is.EqualTo(t.Number("MS")));
        Assert.That((sr >> 11) & 1, Is.Zero);
        t.Ok("HM[3]=2");
        t.Ok("HM[1]=1");
        Assert.That(t.Bit("SR", 11), Is.True);
        t.Ok("PA=100000");
        t.Ok("BG");
        Assert.That((t.Number("SR") >> 14) & 3, Is.EqualTo(2));
    }
}
