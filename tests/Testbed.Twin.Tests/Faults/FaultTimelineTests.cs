using Testbed.TestSupport;
using Testbed.Twin.Faults;

namespace Testbed.Twin.Tests.Faults;

/// <summary>The timeline alone, on a manual clock: faults fire and clear at exact virtual times or at the n-th event, never otherwise.</summary>
public class FaultTimelineTests
{
    private static FaultSpec Spec(string name, FaultStart start, TimeSpan? duration = null) =>
        new(name, FaultKind.Drop, "tx_ctrl", null, start, duration, new Dictionary<string, double>(), new Dictionary<string, string>());

    private sealed class Counting : IFaultEffect
    {
        public int Applied { get; private set; }
        public int Removed { get; private set; }
        public bool On => Applied > Removed;
        public void Apply() => Applied++;
        public void Remove() => Removed++;
    }

    [Test]
    public void A_time_start_fires_at_its_instant_and_its_duration_clears_it()
    {
        var clock = new ManualClock();
        using var timeline = new FaultTimeline(clock);
        var effect = new Counting();
        timeline.Arm(Spec("drop-1", FaultStart.After(TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(0.5)), effect);
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.That((effect.On, timeline.Active.Count), Is.EqualTo((false, 0)), "not a tick early");
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(effect.On, Is.True);
        Assert.That(timeline.Active.Single().FiredAt, Is.EqualTo(TimeSpan.FromSeconds(2)));
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That((effect.Applied, effect.Removed), Is.EqualTo((1, 1)));
        var record = timeline.Fired.Single();
        Assert.That((record.State, record.FiredAt, record.ClearedAt), Is.EqualTo((FaultState.Cleared, (TimeSpan?)TimeSpan.FromSeconds(2), (TimeSpan?)TimeSpan.FromSeconds(2.5))));
        Assert.That(record.RanOut, Is.True, "its duration ended it, not a clear");
    }

    [Test]
    public void An_event_start_fires_on_the_nth_occurrence_counted_from_the_start_and_PA_equals_counts_only_assignments()
    {
        var clock = new ManualClock();
        using var timeline = new FaultTimeline(clock);
        var assignments = new Counting();
        var any = new Counting();
        timeline.Arm(Spec("a", FaultStart.OnCommand("tx_ctrl", "PA=", 3)), assignments);
        timeline.Arm(Spec("b", FaultStart.OnCommand("tx_ctrl", "PA", 3)), any);
        timeline.Observe("tx_ctrl", FaultEvents.Command, "PA", assignment: true);
        timeline.Observe("tx_ctrl", FaultEvents.Command, "PA", assignment: false);
        timeline.Observe("ty_ctrl", FaultEvents.Command, "PA", assignment: true);
        timeline.Observe("tx_ctrl", FaultEvents.Command, "BG");
        Assert.That((assignments.On, any.On), Is.EqualTo((false, false)));
        clock.Advance(TimeSpan.FromSeconds(1));
        timeline.Observe("tx_ctrl", FaultEvents.Command, "PA", assignment: true);
        Assert.That((assignments.On, any.On), Is.EqualTo((false, true)), "the third PA of any kind; another drive's PA does not count");
        timeline.Observe("tx_ctrl", FaultEvents.Command, "PA", assignment: true);
        Assert.That(assignments.On, Is.True, "the third PA=");
        Assert.That(timeline.Fired.Select(r => (r.Name, r.FiredAt)), Is.EqualTo(new[] { ("a", (TimeSpan?)TimeSpan.FromSeconds(1)), ("b", TimeSpan.FromSeconds(1)) }));
    }

    [Test]
    public void A_fault_armed_late_still_counts_events_from_the_start()
    {
        using var timeline = new FaultTimeline(new ManualClock());
        for (var i = 0; i < 4; i++) timeline.Observe("det1", FaultEvents.Frame);
        var effect = new Counting();
        timeline.Arm(Spec("f", FaultStart.OnFrame("det1", 5)), effect);
        timeline.Observe("det1", FaultEvents.Frame);
        Assert.That(effect.On, Is.True, "frame 5 of det1 is the fifth frame since the twin started");
    }

    [Test]
    public void Clearing_an_armed_fault_means_it_never_fires_and_clearing_an_active_one_removes_its_effect_once()
    {
        var clock = new ManualClock();
        using var timeline = new FaultTimeline(clock);
        var later = new Counting();
        var now = new Counting();
        timeline.Arm(Spec("later", FaultStart.After(TimeSpan.FromSeconds(1))), later);
        timeline.Arm(Spec("now", FaultStart.Now), now);
        Assert.That(now.On, Is.True, "a start at 0 fires when armed");
        Assert.That(timeline.Clear("later"), Is.True);
        Assert.That(timeline.Clear("now"), Is.True);
        Assert.That(timeline.Clear("now"), Is.False, "already over");
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That((later.Applied, now.Applied, now.Removed), Is.EqualTo((0, 1, 1)));
        Assert.That(timeline.Records.Select(r => (r.Name, r.State, r.FiredAt is null, r.RanOut)),
            Is.EqualTo(new[] { ("later", FaultState.Cleared, true, false), ("now", FaultState.Cleared, false, false) }));
    }

    [Test]
    public void A_name_in_use_is_refused_until_that_fault_is_over()
    {
        using var timeline = new FaultTimeline(new ManualClock());
        timeline.Arm(Spec("x", FaultStart.Now), new Counting());
        Assert.That(() => timeline.Arm(Spec("x", FaultStart.Now), new Counting()),
            Throws.ArgumentException.With.Message.EqualTo("a fault named 'x' is already active; clear it first or choose another name"));
        timeline.Clear("x");
        Assert.That(timeline.Arm(Spec("x", FaultStart.Now), new Counting()).State, Is.EqualTo(FaultState.Active));
    }

    [Test]
    public void Link_decisions_are_a_function_of_device_seed_and_index_only()
    {
        static string Pattern(string device, long seed)
        {
            var link = new LinkFaults(device, seed) { DropFraction = 0.3 };
            return string.Concat(Enumerable.Range(0, 2000).Select(_ => link.LosesNextRequest() ? 'x' : '.'));
        }
        var a = Pattern("tx_ctrl", 1);
        Assert.That(Pattern("tx_ctrl", 1), Is.EqualTo(a), "the same run replays the same losses");
        Assert.That(Pattern("ty_ctrl", 1), Is.Not.EqualTo(a), "each device its own stream");
        Assert.That(Pattern("tx_ctrl", 2), Is.Not.EqualTo(a), "the seed changes it");
        Assert.That(a.Count(c => c == 'x') / 2000.0, Is.EqualTo(0.3).Within(0.04));
    }

    [Test]
    public void Garbling_changes_every_chosen_byte_and_keeps_the_length()
    {
        var link = new LinkFaults("kdio") { GarbleFraction = 1 };
        var clean = "+1.000000E-09A\n"u8.ToArray();
        var garbled = link.Corrupt(clean);
        Assert.That(garbled, Has.Length.EqualTo(clean.Length));
        Assert.That(garbled.Zip(clean).All(p => p.First != p.Second), Is.True);
        Assert.That(new LinkFaults("kdio") { GarbleFraction = 1 }.Corrupt(clean), Is.EqualTo(garbled), "deterministic");
        link.GarbleFraction = 0;
        Assert.That(link.Corrupt(clean), Is.EqualTo(clean));
    }

    [Test]
    public void An_event_known_by_several_names_counts_under_each_a_query_is_also_its_command()
    {
        using var timeline = new FaultTimeline(new ManualClock());
        var queries = new Counting();
        var any = new Counting();
        timeline.Arm(Spec("q", FaultStart.OnCommand("kdio", "READ?", 2)), queries);
        timeline.Arm(Spec("r", FaultStart.OnCommand("kdio", "CURR:NPLC", 2)), any);
        timeline.ObserveAs("kdio", FaultEvents.Command, ["CURR:NPLC", "CURR:NPLC?"]);
        timeline.ObserveAs("kdio", FaultEvents.Command, ["READ", "READ?"]);
        Assert.That((queries.On, any.On), Is.EqualTo((false, false)));
        timeline.ObserveAs("kdio", FaultEvents.Command, ["CURR:NPLC"]);
        Assert.That((queries.On, any.On), Is.EqualTo((false, true)), "a set and a query of NPLC: its second statement");
        timeline.ObserveAs("kdio", FaultEvents.Command, ["READ", "READ?"]);
        Assert.That(queries.On, Is.True, "the second READ?");
    }
}
