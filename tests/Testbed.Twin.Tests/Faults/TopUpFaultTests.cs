using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;

namespace Testbed.Twin.Tests.Faults;

/// <summary>A top-up injection as a fault: the decaying source is refilled to full at the instant it fires, gated by its factor
/// while it holds, and both stay in the source's history for windows integrated afterwards.</summary>
public class TopUpFaultTests
{
    [Test]
    public async Task A_top_up_refills_a_decayed_source_at_its_instant_dips_it_while_it_holds_and_stays_in_its_history()
    {
        using var dir = new TempDirectory("top-up");
        var path = dir.File("beamline.yaml");
        // Lifetime 3.6 s: after 3.6 s the beam is down to 1/e.
        await File.WriteAllTextAsync(path, """
            - class: world
              name: world
              source: {lifetime_h: 0.001}
            - class: faults
              faults:
                - {type: top_up, target: world, at: 3.6, for: 0.2, factor: 0.5}
            """);
        using var clock = new SimulationClock(paused: true);
        await using var served = await ServedBeamline.StartAsync(BeamlineConfig.Load(path), PortPolicy.Free,
            new TwinContext(clock, NullLoggerFactory.Instance, dir.Path), null, CancellationToken.None);
        var world = served.World!;
        double Source() => world.Snapshot().Signals["source"];

        clock.Advance(TimeSpan.FromSeconds(3.6) - TimeSpan.FromTicks(1));
        Assert.That(Source(), Is.EqualTo(Math.Exp(-1)).Within(1e-6), "decayed to 1/e just before");
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.That(served.Faults.Fired.Single().FiredAt, Is.EqualTo(TimeSpan.FromSeconds(3.6)), "fires at its instant of twin time");
        Assert.That(Source(), Is.EqualTo(0.5).Within(1e-6), "refilled to 1, gated by the factor 0.5 during the injection");
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.That(Source(), Is.EqualTo(Math.Exp(-0.2 / 3.6)).Within(1e-6), "after the injection: full beam, decaying again from the top-up");
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(world.Source.At(TimeSpan.FromSeconds(3.5)), Is.EqualTo(Math.Exp(-3.5 / 3.6)).Within(1e-6), "before it: the old decay, still");
        Assert.That(world.Source.Mean(TimeSpan.FromSeconds(3.6), TimeSpan.FromSeconds(0.2)), Is.EqualTo(0.5).Within(0.02),
            "a window integrated afterwards sees the gated injection");
        Assert.That(world.Source.Mean(TimeSpan.FromSeconds(4.0), TimeSpan.FromSeconds(0.4)), Is.EqualTo(3.6 / 0.4 * (Math.Exp(-0.4 / 3.6) - Math.Exp(-0.8 / 3.6))).Within(1e-4),
            "and the refilled beam decaying after it");
    }
}
