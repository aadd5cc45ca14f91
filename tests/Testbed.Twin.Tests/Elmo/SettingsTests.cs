using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Elmo.Model;
using Testbed.Twin.Elmo.Protocol;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>The open-question settings (Q1-Q12), interpreter options and twin-only transport faults behave as documented.</summary>
public class SettingsTests
{
    private static string Run(ElmoDriveSettings settings, params string[] datagrams)
    {
        using var clock = new SimulationClock(paused: true);
        var interpreter = new ElmoInterpreter(new ElmoDrive(clock, settings));
        var last = "";
        foreach (var d in datagrams) last = Encoding.Latin1.GetString(interpreter.Execute(Encoding.Latin1.GetBytes(d)));
        return last;
    }

    [Test]
    public void Expressions_evaluate_references_and_arithmetic_and_truncate_floats()
    {
        var s = new ElmoDriveSettings();
        Assert.That(Run(s, "PX=100\r", "MO=1\r", "PA=PX*2+(3-1)/2\r", "PA\r"), Is.EqualTo("PA\r201;"));
        Assert.That(Run(s, "MO=1\r", "PA=-123.9\r", "PA\r"), Is.EqualTo("PA\r-123;"));
        Assert.That(Run(s, "AC=1e7\r", "AC\r"), Is.EqualTo("AC\r10000000;"));
        Assert.That(Run(s, "PX=7\r", "MO=1\r", "PA=DV[3]\r", "PA\r"), Is.EqualTo("PA\r7;"));
        Assert.That(Run(s, "SP+1\r"), Is.EqualTo("SP+1\r100001;"), "a bare expression returns its value");
        Assert.That(Run(s, "SP/3\r"), Is.EqualTo("SP/3\r33333.333333;"));
    }

    [Test]
    public void Lower_case_is_refused_by_default_and_accepted_as_an_option()
    {
        Assert.That(Run(new ElmoDriveSettings(), "mo=1;"), Is.EqualTo("mo=1;?;"));
        Assert.That(Run(new ElmoDriveSettings { AcceptLowerCase = true }, "mo=1;bg;mo;"), Is.EqualTo("mo=1;;bg;;mo;1;"));
    }

    [Test]
    public void Trailing_fragment_is_discarded_unless_the_end_of_datagram_counts_as_terminator()
    {
        Assert.That(Run(new ElmoDriveSettings(), "UM;MS"), Is.EqualTo("UM;5;"));
        Assert.That(Run(new ElmoDriveSettings { ImplicitTerminatorAtEndOfDatagram = true }, "UM;MS"), Is.EqualTo("UM;5;MS1;"));
    }

    [Test]
    public void EC_keeps_the_last_error_by_default_and_can_clear_on_read()
    {
        Assert.That(Run(new ElmoDriveSettings(), "XX\r", "UM\r", "EC\r", "EC\r"), Is.EqualTo("EC\r2;"));
        Assert.That(Run(new ElmoDriveSettings { ErrorCodeClearedOnRead = true }, "XX\r", "EC\r", "EC\r"), Is.EqualTo("EC\r0;"));
    }

    [Test]
    public void EO_0_turns_the_echo_off()
    {
        Assert.That(Run(new ElmoDriveSettings(), "EO=0\r", "UM\r"), Is.EqualTo("5;"));
    }

    [Test]
    public void PX_with_motor_on_is_accepted_by_default_and_refused_with_57_as_an_option()
    {
        Assert.That(Run(new ElmoDriveSettings(), "MO=1\r", "PX=500\r", "PX\r"), Is.EqualTo("PX\r500;"));
        Assert.That(Run(new ElmoDriveSettings { PxAssignWithMotorOn = ElmoPolicy.Reject }, "MO=1\r", "PX=500\r", "EC\r"), Is.EqualTo("EC\r57;"));
    }

    [Test]
    public void PA_with_motor_off_can_be_allowed()
    {
        Assert.That(Run(new ElmoDriveSettings { PaAssignWithMotorOff = ElmoPolicy.Accept }, "PA=77\r", "PA\r"), Is.EqualTo("PA\r77;"));
    }

    [Test]
    public void Out_of_limit_code_can_be_21()
    {
        Assert.That(Run(new ElmoDriveSettings { OutOfLimitErrorCode = ElmoError.OperandOutOfRange }, "MO=1\r", "PA=2000000000\r", "EC\r"), Is.EqualTo("EC\r21;"));
    }

    [Test]
    public void PR_adds_to_the_reference_when_idle_and_is_rejected_beyond_VH3()
    {
        var s = new ElmoDriveSettings { PositionHigh = 10000 };
        Assert.That(Run(s, "PX=100\r", "MO=1\r", "PR=250\r", "PA\r"), Is.EqualTo("PA\r350;"));
        Assert.That(Run(s, "MO=1\r", "PR=20000\r", "EC\r"), Is.EqualTo("EC\r28;"));
    }

    [Test]
    public void Homing_parameters_while_armed_can_be_refused_with_71()
    {
        var s = new ElmoDriveSettings { HomingParametersWhileArmed = ElmoPolicy.Reject, HomeSwitch = (100, 200) };
        Assert.That(Run(s, "HM[3]=2\r", "HM[1]=1\r", "HM[2]=5\r", "EC\r"), Is.EqualTo("EC\r71;"));
    }

    [Test]
    public void MS_stays_1_after_MO_1_without_a_target_when_Q11_is_off()
    {
        var s = new ElmoDriveSettings { MotionStatusZeroAfterMotorOn = false };
        using var clock = new SimulationClock(paused: true);
        var interpreter = new ElmoInterpreter(new ElmoDrive(clock, s));
        interpreter.Execute("MO=1\r"u8);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(interpreter.Execute("MS\r"u8), Is.EqualTo("MS\r1;"u8.ToArray()));
        interpreter.Execute("PA=PX\r"u8);
        Assert.That(interpreter.Execute("MS\r"u8), Is.EqualTo("MS\r0;"u8.ToArray()), "PA=PX is a target reached at once");
    }

    [Test]
    public void Loss_probability_1_drops_every_request_unexecuted()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { DatagramLossProbability = 1 });
        t.Client.Send("PX=55\r");
        Eventually.Until(() => t.Server.RequestsDropped == 1, "the request dropped by the server");
        Assert.That(t.Client.TakeArrived(), Is.Empty, "a dropped request is never answered");
        Assert.That(t.Drive.Position, Is.Zero);
        Assert.That(t.Server.RequestsReceived, Is.EqualTo(1));
    }

    [Test]
    public void Partial_loss_drops_a_seeded_fraction_of_requests()
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { DatagramLossProbability = 0.5, Seed = 7 });
        for (var i = 0; i < 200; i++) t.Client.Send("UM\r");
        Eventually.Until(() => t.Server.RepliesSent + t.Server.RequestsDropped == 200, "every request answered or dropped");
        var replies = t.Client.ReceiveExactly((int)t.Server.RepliesSent);
        Assert.That(replies.Count, Is.InRange(60, 140));
        Assert.That(replies, Has.All.EqualTo("UM\r5;"u8.ToArray()));
        Assert.That(t.Client.TakeArrived(), Is.Empty, "no reply beyond those counted");
    }

    [Test]
    public void Reply_delay_within_the_deadline_delays_and_beyond_it_drops()
    {
        var tick = TimeSpan.FromTicks(1);
        using (var wire = new SimulationClock(paused: true))
        using (var t = ElmoTestTwin.Start(new ElmoDriveSettings { ReplyDelay = TimeSpan.FromMilliseconds(30), ReplyDeadline = TimeSpan.FromSeconds(5) }, wire))
        {
            t.Client.Send("UM\r");
            Eventually.Value(() => wire.PendingDueTimes, d => d.Count > 0, "the reply waiting out its delay on the wire clock");
            Assert.That(wire.PendingDueTimes, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(30) }));
            wire.Advance(TimeSpan.FromMilliseconds(30) - tick);
            Assert.That(t.Server.RepliesSent, Is.Zero, "not sent one tick before the delay is over");
            wire.Advance(tick);
            var reply = t.Client.Receive(TimeSpan.FromSeconds(5));
            Assert.That(reply, Is.Not.Null, "sent once the delay is over");
            Assert.That(System.Text.Encoding.Latin1.GetString(reply!.Value.Data), Is.EqualTo("UM\r5;"));
            Eventually.Until(() => t.Server.Transcript.Recorded == 1, "the delayed exchange in the wire transcript");
            Assert.That(t.Server.Transcript.Snapshot().Single().Reply, Is.EqualTo("UM\\r5;"));
        }
        using (var wire = new SimulationClock(paused: true))
        using (var t = ElmoTestTwin.Start(new ElmoDriveSettings { ReplyDelay = TimeSpan.FromMilliseconds(50), ReplyDeadline = TimeSpan.FromMilliseconds(20) }, wire))
        {
            t.Client.Send("UM\r");
            Eventually.Value(() => wire.PendingDueTimes, d => d.Count > 0, "the reply waiting out its delay on the wire clock");
            wire.Advance(TimeSpan.FromMilliseconds(50));
            Eventually.Until(() => t.Server.RepliesDropped == 1, "the late reply dropped");
            Assert.That(t.Server.RepliesSent, Is.Zero);
            Assert.That(t.Client.TakeArrived(), Is.Empty, "never a late reply");
            Eventually.Until(() => t.Server.Transcript.Recorded == 1, "the late exchange in the wire transcript");
            var late = t.Server.Transcript.Snapshot().Single();
            Assert.That((late.Request, late.Reply, late.Outcome),
                Is.EqualTo(("UM\\r", "(no reply: late: the reply missed the 20 ms deadline and was not sent)", Testbed.Twin.Metrics.WireOutcome.Dropped)));
        }
    }

    [Test]
    public void Settings_with_a_bad_VR_text_are_refused()
    {
        using var clock = new SimulationClock(paused: true);
        Assert.That(() => new ElmoDrive(clock, new ElmoDriveSettings { VersionText = "Gold;1" }), Throws.ArgumentException);
        Assert.That(() => new ElmoDrive(clock, new ElmoDriveSettings { VersionText = "Gold?" }), Throws.ArgumentException);
    }
}
