using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Tests.Elmo;

/// <summary>Spec §5 item 44: BLISS's own command sequences (§2, §7), replayed as raw CR-terminated datagrams with its 20 ms polling in virtual time.</summary>
public class BlissReplayTests
{
    private const double Spu = 26222.2;

    // With Gold SR bit 7 = (MS == 2) (the spec default, Q10) BLISS's home loop sends PA=PX as soon as the homing stop
    // ends, while PX still closes the lag (v·τ ≈ 1900 counts at 377599 counts/s); PA then differs from the settled PX by
    // up to that much. With bit 7 = "not in target" the loop waits for MS=0 and PA=PX holds to TR[1].
    [TestCase(ElmoGoldMotionBit.ProfilerActive, 377599 * 0.005 + 20)]
    [TestCase(ElmoGoldMotionBit.NotInTarget, 10)]
    public void C44_BLISS_sequences_leave_the_twin_at_rest_with_PA_equal_to_PX(ElmoGoldMotionBit bit7, double homeTolerance)
    {
        using var t = ElmoTestTwin.Start(new ElmoDriveSettings { ForwardLimitPosition = 600000, ReverseLimitPosition = -600000, HomeSwitch = (-1000, 1000), GoldMotionBit = bit7 });
        var bliss = new BlissLike(t);

        // First contact (§2.3 / §7), BLISS sleeping 0.1 s after MO=1.
        bliss.FirstContact();
        var dial = bliss.PositionAtRest();

        // A 10-unit move.
        dial = bliss.Move(dial, (long)Math.Round(10 * Spu));
        Assert.That(dial, Is.EqualTo(262222));

        // An abort: ST mid-move, then PA=PX once not moving.
        dial = bliss.Abort(dial, 0);
        Assert.That(dial, Is.InRange(1, 262221), "stopped part way");

        // A limit search toward +, then the move back (1 s pause after BG, as BLISS does when leaving a limit).
        dial = bliss.LimitSearch(dial, +1);
        Assert.That(dial, Is.GreaterThanOrEqualTo(600000));
        dial = bliss.Move(dial, -52444, leavingLimit: true);

        // A home toward + onto the switch at [-1000, 1000].
        dial = bliss.Home(dial, +1, homeTolerance);
        Assert.That(dial, Is.InRange(0, 377599 * 0.005 + 20));

        // The discrepancy check of the next move passes, and the move completes.
        dial = bliss.Move(dial, 26222);
        Assert.That(dial, Is.EqualTo(26222));
    }

    [Test]
    public void C44_BLISS_jog_and_jog_stop_with_the_user_mode_switch_end_ready_with_PA_equal_to_PX()
    {
        using var t = ElmoTestTwin.Start();
        var bliss = new BlissLike(t);
        bliss.FirstContact();
        // §7 "jog + stop": JV= BG, polls; JV=0 BG, MS while 2; MO=0 UM=5 MO=1 with SP restored in the 0.1 s sleep (D7); PA=PX.
        t.Ok("JV=52444");
        t.Ok("BG");
        for (var i = 0; i < 27; i++) { Assert.That(t.Number("MS"), Is.EqualTo(2)); t.Number("PX"); t.Advance(20); }
        t.Ok("JV=0");
        t.Ok("BG");
        for (var i = 0; i < 100 && t.Number("MS") == 2; i++) t.Advance(10);
        t.Ok("MO=0");
        Assert.That(t.Number("MS"), Is.EqualTo(1), "MS=1 while off during the mode switch (D7)");
        t.Ok("UM=5");
        t.Ok("MO=1");
        t.Ok("SP=377599");
        t.Advance(100);
        t.Ok("PA=PX");
        t.Advance(100);
        t.Ok("PA=PX");
        Assert.That(t.Number("MS"), Is.Zero);
        Assert.That(t.Number("UM"), Is.EqualTo(5));
        Assert.That(t.Number("PA"), Is.EqualTo(t.Number("PX")));
        Assert.That(t.Number("PA"), Is.InRange(52444 * 27 * 0.02 - 2000, 52444 * 28 * 0.02 + 2000));
    }

    /// <summary>Plays BLISS's traffic patterns: commands, 20 ms polls, and its parsing of each reply.</summary>
    private sealed class BlissLike(ElmoTestTwin t)
    {
        public void FirstContact()
        {
            Assert.That(t.Query("VR"), Is.Not.Empty);
            Assert.That(t.Number("UM"), Is.EqualTo(5));
            Assert.That(t.Query("MO"), Is.EqualTo("0"));
            t.Ok("MO=1");
            t.Advance(100);
            t.Ok("PA=PX");
            Assert.That(State(), Is.EqualTo("READY"), "MS must be 0 after the 0.1 s sleep (D5)");
            t.Number("PA");
            t.Number("UM");
            t.Ok("SP=377599");
            Assert.That(double.Parse(t.Query("SP"), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(377599));
            t.Query("SP");
            t.Ok("AC=755199");
            t.Ok("DC=755199");
            Assert.That(t.Number("AC"), Is.EqualTo(755199));
            t.Number("AC");
        }

        public long PositionAtRest() => t.Number("PA");

        public long Move(long cachedDial, long target, bool leavingLimit = false)
        {
            Assert.That(t.Number("PA"), Is.EqualTo(cachedDial), "BLISS's discrepancy check before the move");
            Assert.That(t.Number("UM"), Is.Not.EqualTo(2));
            var sr = t.Number("SR");
            Assert.That(sr & 1, Is.Zero);
            Assert.That(sr & 0x10, Is.EqualTo(0x10), "positioning loop closed");
            t.Number("IP");
            t.Ok($"PA={target}");
            t.Ok("BG");
            if (leavingLimit) t.Advance(1000);
            PollWhileMoving(withMs: true);
            return ReadAtRest();
        }

        public long Abort(long cachedDial, long target)
        {
            Assert.That(t.Number("PA"), Is.EqualTo(cachedDial));
            t.Number("UM");
            t.Number("SR");
            t.Number("IP");
            t.Ok($"PA={target}");
            t.Ok("BG");
            for (var i = 0; i < 10; i++) { Poll(withMs: true); t.Advance(20); }
            t.Ok("ST");
            PollWhileMoving(withMs: true);
            t.Ok("PA=PX");
            return ReadAtRest();
        }

        public long LimitSearch(long cachedDial, int direction)
        {
            Assert.That(t.Number("PA"), Is.EqualTo(cachedDial));
            t.Number("UM");
            t.Number("SR");
            t.Number("IP");
            t.Ok($"JV={377599 * direction}");
            t.Ok("BG");
            for (var i = 0; i < 1000; i++)
            {
                var ip = t.Number("IP");
                if ((ip & 0xC0) != 0) break;
                Assert.That(t.Number("MS"), Is.EqualTo(2));
                t.Number("PX");
                t.Advance(20);
            }
            Assert.That(t.Number("IP") & 0xC0, Is.Not.Zero, "a limit was reached");
            t.Number("SR");
            t.Ok("PA=PX");
            var pa = t.Number("PA");
            t.Number("PA");
            return pa;
        }

        public long Home(long cachedDial, int direction, double tolerance)
        {
            Assert.That(t.Number("PA"), Is.EqualTo(cachedDial));
            t.Number("UM");
            t.Number("SR");
            t.Number("IP");
            foreach (var c in new[] { "HM[3]=3", "HM[2]=0", "HM[4]=0", "HM[5]=0", "HM[1]=1" }) t.Ok(c);
            t.Ok($"JV={377599 * direction}");
            t.Ok("BG");
            for (var i = 0; i < 1000 && (t.Number("SR") & 0x80) != 0; i++)
            {
                t.Number("PX");
                t.Advance(20);
            }
            Assert.That(t.Number("HM[1]"), Is.Zero, "the home event fired");
            t.Ok("PA=PX");
            // BLISS then reads PA twice; let the drive settle first as BLISS's next state poll would.
            t.Advance(100);
            Assert.That(State(), Is.EqualTo("READY"));
            return ReadAtRest(tolerance);
        }

        private void PollWhileMoving(bool withMs)
        {
            for (var i = 0; i < 1000 && Poll(withMs) == "MOVING"; i++) t.Advance(20);
            Assert.That(State(), Is.EqualTo("READY"));
        }

        private string Poll(bool withMs)
        {
            var state = withMs ? State() : "";
            t.Number(state == "MOVING" ? "PX" : "PA");
            return state;
        }

        // §2.4: SR, IP, then MS only if no limit bit is set; MS decides READY vs MOVING.
        private string State()
        {
            t.Number("SR");
            var ip = t.Number("IP");
            if ((ip & 0xC0) != 0) return "READY";
            return t.Number("MS") == 0 ? "READY" : "MOVING";
        }

        private long ReadAtRest(double tolerance = 10)
        {
            var pa = t.Number("PA");
            var px = t.Number("PX");
            Assert.That(Math.Abs(pa - px), Is.LessThanOrEqualTo(tolerance), "PA = PX at rest");
            Assert.That(t.Number("MS"), Is.Zero);
            Assert.That(t.Number("PA"), Is.EqualTo(pa));
            return pa;
        }
    }
}
