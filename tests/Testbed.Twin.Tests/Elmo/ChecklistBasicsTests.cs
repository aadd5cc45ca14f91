using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Spec §5 items 1-13 and 17-22, 30-34, 41-42: identity, power-up state, registers, errors. Raw datagrams over real UDP.</summary>
public class ChecklistBasicsTests
{
    [Test]
    public void C01_VR_answers_printable_text_without_semicolon_and_not_ending_in_question_mark()
    {
        // The production deadline (45 ms) is kept: a reply that arrives was sent inside BLISS's 50 ms first-contact window.
        using var twin = ElmoTestTwin.Start(new ElmoDriveSettings { ReplyDeadline = TimeSpan.FromMilliseconds(45) });
        string? reply = null;
        for (var attempt = 0; attempt < 3 && reply is null; attempt++)
        {
            twin.Client.Send("VR\r");
            if (twin.Client.Receive(TimeSpan.FromMilliseconds(500)) is { } d) reply = System.Text.Encoding.Latin1.GetString(d.Data);
        }
        Assert.That(reply, Is.Not.Null, "VR got no reply in 3 attempts");
        Assert.That(reply, Does.StartWith("VR\r").And.EndWith(";"));
        var body = reply![3..^1];
        Assert.That(body, Is.Not.Empty.And.Not.Contain(";").And.Not.EndWith("?"));
        Assert.That(body, Does.StartWith("Gold"));
    }

    [Test]
    public void C02_UM_is_5_at_power_up() => WithTwin(t => Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;")));

    [Test]
    public void C03_MO_is_0_at_power_up() => WithTwin(t => Assert.That(t.Client.Exchange("MO\r"), Is.EqualTo("MO\r0;")));

    [Test]
    public void C04_MO_1_is_acknowledged_and_MO_reads_exactly_1() => WithTwin(t =>
    {
        t.Ok("MO=1");
        Assert.That(t.Client.Exchange("MO\r"), Is.EqualTo("MO\r1;"));
    });

    [Test]
    public void C05_MS_is_1_while_the_motor_is_off() => WithTwin(t =>
    {
        t.Advance(1000);
        Assert.That(t.Client.Exchange("MS\r"), Is.EqualTo("MS\r1;"));
    });

    [Test]
    public void C06_MS_is_0_once_still_after_MO_1_and_within_100_ms() => WithTwin(t =>
    {
        t.Ok("MO=1");
        Assert.That(t.Number("MS"), Is.EqualTo(1), "settling right after MO=1");
        t.Advance(100);
        Assert.That(t.Client.Exchange("MS\r"), Is.EqualTo("MS\r0;"), "BLISS's set_on polls MS 0.1 s after MO=1 (D5)");
    });

    [Test]
    public void C07_SR_with_motor_on_and_idle_has_bit4_set_and_bits_0_and_7_clear() => WithTwin(t =>
    {
        t.Ok("MO=1");
        t.Advance(50);
        Assert.Multiple(() =>
        {
            Assert.That(t.Bit("SR", 4), Is.True);
            Assert.That(t.Bit("SR", 0), Is.False);
            Assert.That(t.Bit("SR", 7), Is.False);
        });
    });

    [Test]
    public void C08_SR_with_motor_off_has_bit4_clear() => WithTwin(t => Assert.That(t.Bit("SR", 4), Is.False));

    [Test]
    public void C09_IP_is_0_with_no_switch_active() => WithTwin(t => Assert.That(t.Client.Exchange("IP\r"), Is.EqualTo("IP\r0;")));

    [Test]
    public void C10_SP_assignment_is_acknowledged_and_read_back() => WithTwin(t =>
    {
        t.Ok("SP=377599");
        Assert.That(t.Client.Exchange("SP\r"), Is.EqualTo("SP\r377599;"));
    });

    [Test]
    public void C11_AC_reads_back_as_integer_without_decimal_point() => WithTwin(t =>
    {
        t.Ok("AC=755199");
        Assert.That(t.Client.Exchange("AC\r"), Is.EqualTo("AC\r755199;"));
    });

    [Test]
    public void C12_DC_assignment_is_acknowledged_and_read_back() => WithTwin(t =>
    {
        t.Ok("DC=755199");
        Assert.That(t.Client.Exchange("DC\r"), Is.EqualTo("DC\r755199;"));
    });

    [Test]
    public void C13_PA_with_motor_on_is_stored() => WithTwin(t =>
    {
        t.Ok("MO=1");
        t.Ok("PA=262222");
        Assert.That(t.Client.Exchange("PA\r"), Is.EqualTo("PA\r262222;"));
    });

    [Test]
    public void C17_PA_equals_PX_after_PA_PX() => WithTwin(t =>
    {
        t.Ok("MO=1");
        t.Ok("PA=5000");
        t.Ok("BG");
        t.Advance(30);
        t.Ok("ST");
        t.Advance(100);
        t.Ok("PA=PX");
        Assert.That(t.Number("PA"), Is.EqualTo(t.Number("PX")));
        Assert.That(t.Number("PA"), Is.Not.EqualTo(5000), "the stop left the axis short of the old target");
    });

    [Test]
    public void C18_unknown_mnemonic_replies_question_mark_and_EC_2() => WithTwin(t =>
    {
        Assert.That(t.Client.Exchange("XX\r"), Is.EqualTo("XX\r?;"));
        Assert.That(t.Client.Exchange("EC\r"), Is.EqualTo("EC\r2;"));
    });

    [Test]
    public void C18_error_code_byte_option_puts_the_code_before_the_question_mark()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { ErrorReplyIncludesCodeByte = true });
        Assert.That(t.Client.Exchange("XX\r"), Is.EqualTo("XX\r\u0002?;"));
    }

    [Test]
    public void C19_index_out_of_range_is_EC_3() => WithTwin(t => t.Fails("DV[9]", ElmoError.BadIndex));

    [Test]
    public void C20_assigning_SR_is_EC_23_and_SR_is_unchanged() => WithTwin(t =>
    {
        var before = t.Number("SR");
        t.Fails("SR=5", ElmoError.CannotBeAssigned);
        Assert.That(t.Number("SR"), Is.EqualTo(before));
        foreach (var ro in new[] { "MS=1", "IP=0", "VR=1", "EC=0", "MF=0", "PE=0", "DV[3]=0", "VX=0" }) t.Fails(ro, ElmoError.CannotBeAssigned);
    });

    [Test]
    public void C21_UM_with_motor_on_is_EC_57_and_unchanged() => WithTwin(t =>
    {
        t.Ok("MO=1");
        t.Fails("UM=2", ElmoError.MotorMustBeOff);
        Assert.That(t.Client.Exchange("UM\r"), Is.EqualTo("UM\r5;"));
    });

    [Test]
    public void C22_BG_with_motor_off_is_EC_58_and_nothing_moves() => WithTwin(t =>
    {
        t.Fails("BG", ElmoError.MotorMustBeOn);
        t.Advance(500);
        Assert.That(t.Number("PX"), Is.Zero);
        Assert.That(t.Number("MS"), Is.EqualTo(1));
    });

    [Test]
    public void C30_PX_set_with_motor_off_then_PA_after_MO_1() => WithTwin(t =>
    {
        t.Ok("PX=12345");
        Assert.That(t.Client.Exchange("PX\r"), Is.EqualTo("PX\r12345;"));
        t.Ok("MO=1");
        t.Ok("PA=12345");
        t.Advance(100);
        Assert.That(t.Number("PX"), Is.EqualTo(12345));
        Assert.That(t.Number("MS"), Is.Zero);
    });

    [Test]
    public void C31_OB_reads_back_and_slave_input_2_sets_IP_bit_17() => WithTwin(t =>
    {
        t.Ok("OB[1]=1");
        Assert.That(t.Client.Exchange("OB[1]\r"), Is.EqualTo("OB[1]\r1;"));
        Assert.That(t.Bit("IP", 17), Is.False);
        t.Drive.SetDigitalInput(2, true);
        Assert.That(t.Bit("IP", 17), Is.True);
    });

    [Test]
    public void C32_VL2_and_VH2_are_integers_around_zero() => WithTwin(t =>
    {
        Assert.That(t.Number("VL[2]"), Is.Negative);
        Assert.That(t.Number("VH[2]"), Is.Positive);
    });

    [Test]
    public void C33_SP_above_VH2_is_EC_21() => WithTwin(t =>
    {
        var vh = t.Number("VH[2]");
        t.Fails($"SP={vh + 1}", ElmoError.OperandOutOfRange);
        t.Fails("SP=-1", ElmoError.OperandOutOfRange);
        Assert.That(t.Number("SP"), Is.EqualTo(100000));
    });

    [Test]
    public void C34_EC_is_0_before_any_error() => WithTwin(t => Assert.That(t.Client.Exchange("EC\r"), Is.EqualTo("EC\r0;")));

    [Test]
    public void C41_PA_beyond_VH3_is_rejected_with_EC_28_and_PA_unchanged() => WithTwin(t =>
    {
        t.Ok("MO=1");
        t.Ok("PA=1000");
        var vh = t.Number("VH[3]");
        t.Fails($"PA={vh + 1}", ElmoError.OutOfLimit);
        Assert.That(t.Number("PA"), Is.EqualTo(1000));
    });

    [Test]
    public void C41_clip_option_clips_PA_and_sets_SR_bit_28()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { OutOfLimitTarget = ElmoOutOfLimitTarget.Clip, PositionHigh = 50000 });
        t.Ok("MO=1");
        t.Ok("PA=60000");
        Assert.That(t.Number("PA"), Is.EqualTo(50000));
        Assert.That(t.Bit("SR", 28), Is.True);
    }

    [Test]
    public void C42_AA14_is_an_integer() => WithTwin(t => Assert.That(t.Number("AA[14]"), Is.InRange(0, 1)));

    private static void WithTwin(Action<ElmoTestTwin> test)
    {
        using var twin = ElmoTestTwin.Start();
        test(twin);
    }
}
