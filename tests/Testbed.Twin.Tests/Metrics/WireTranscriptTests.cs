using Testbed.Twin.Clock;
using Testbed.Twin.Metrics;

namespace Testbed.Twin.Tests.Metrics;

/// <summary>The transcript ring itself: order, capacity, escaping, truncation, times from its clock, the report lines.</summary>
public class WireTranscriptTests
{
    [Test]
    public void Entries_come_oldest_first_with_the_time_since_begin_and_the_reply_or_why_none()
    {
        using var clock = new SimulationClock(paused: true);
        clock.Advance(TimeSpan.FromSeconds(10));
        var t = new WireTranscript(clock);
        t.Begin();
        t.Record("PX\r"u8, "PX\r12345;"u8);
        clock.Advance(TimeSpan.FromMilliseconds(12345));
        t.Record("\x1B[A"u8, default, WireOutcome.NoReply);
        t.Record("BG\r"u8, default, WireOutcome.Dropped, "dropped by fault 'drop-1'");
        Assert.That(t.Format(), Is.EqualTo(
            "   0.000 s  PX\\r  →  PX\\r12345;\n" +
            "  12.345 s  \\x1B[A  →  (no reply)\n" +
            "  12.345 s  BG\\r  →  (no reply: dropped by fault 'drop-1')"));
        Assert.That(t.Snapshot().Select(e => e.Outcome), Is.EqualTo(new[] { WireOutcome.Answered, WireOutcome.NoReply, WireOutcome.Dropped }));
    }

    [Test]
    public void The_ring_keeps_the_newest_and_a_smaller_capacity_keeps_the_newest_that_fit()
    {
        var t = new WireTranscript(TimeProvider.System, capacity: 4);
        for (var i = 0; i < 10; i++) t.Record($"R{i}", $"A{i}");
        Assert.That(t.Snapshot().Select(e => e.Request), Is.EqualTo(new[] { "R6", "R7", "R8", "R9" }));
        t.Capacity = 2;
        Assert.That(t.Snapshot().Select(e => e.Request), Is.EqualTo(new[] { "R8", "R9" }));
        t.Record("R10", null);
        Assert.That(t.Snapshot().Select(e => e.Request), Is.EqualTo(new[] { "R9", "R10" }));
        t.Capacity = 5;
        t.Record("R11", null);
        Assert.That(t.Snapshot().Select(e => e.Request), Is.EqualTo(new[] { "R9", "R10", "R11" }));
        Assert.That(t.Recorded, Is.EqualTo(12));
        Assert.That(() => t.Capacity = 0, Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Long_requests_are_cut_to_200_bytes_with_their_length_and_a_reused_slot_shows_only_its_own_bytes()
    {
        var t = new WireTranscript(TimeProvider.System, capacity: 1);
        t.Record(Enumerable.Repeat((byte)'A', 1000).ToArray(), "ok"u8);
        Assert.That(t.Snapshot().Single().Request, Is.EqualTo(new string('A', 200) + "… (1000 bytes)"));
        t.Record("UM\r"u8, "UM\r5;"u8);
        Assert.That((t.Snapshot().Single().Request, t.Snapshot().Single().Reply), Is.EqualTo(("UM\\r", "UM\\r5;")));
        Assert.That(WireTranscript.Escape("a\\b'\u00E9\u2192\u2028\n"), Is.EqualTo("a\\\\b'\\xE9\u2192\\u2028\\n"));
    }

    [Test]
    public void Recording_from_many_threads_loses_nothing_the_ring_can_hold()
    {
        var t = new WireTranscript(TimeProvider.System, capacity: 4000);
        Parallel.For(0, 4000, i => t.Record(System.Text.Encoding.ASCII.GetBytes($"Q{i}\r"), "ok"u8));
        Assert.That(t.Snapshot().Select(e => e.Request).Distinct().Count(), Is.EqualTo(4000));
        Assert.That(new WireTranscript(TimeProvider.System).Format(), Is.EqualTo("  (no exchanges)"));
    }
}
