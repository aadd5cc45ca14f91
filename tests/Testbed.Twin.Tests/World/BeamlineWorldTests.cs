using Testbed.Twin.Clock;
using Testbed.Twin.World;

namespace Testbed.Twin.Tests.World;

/// <summary>Axes move, the beam and the sample respond: the signals devices see.</summary>
public class BeamlineWorldTests
{
    private sealed class FakeAxes : IAxisPositions
    {
        public Dictionary<string, double> At { get; } = new() { ["tx"] = 0, ["ty"] = 0, ["rot"] = 0, ["gap"] = 1 };

        public IReadOnlyCollection<string> Axes => At.Keys;

        public double Position(string axis) => At[axis];
    }

    private static readonly WorldSettings Settings = new(new SourceSettings(),
        new Slits(WorldQuantity.OfAxis("gap"), WorldQuantity.Of(0), 0.1),
        [new Response(ResponseShape.Gaussian, ["tx"], 0.3, 0.1, 0.9, 0.1), new Response(ResponseShape.Edge, ["ty"], 0, 0.05, 0.8, 0.2)],
        [new Response(ResponseShape.Lorentzian, ["rot"], 0, 0.05, 1, 0)]);

    [Test]
    public void Moving_an_axis_across_the_sample_shows_its_peak_in_what_passes_it()
    {
        using var clock = new SimulationClock(paused: true);
        var axes = new FakeAxes();
        var world = new BeamlineWorld(Settings, axes, clock);
        axes.At["ty"] = 1; // on the high side of the edge
        var scan = Enumerable.Range(-10, 21).Select(i => i * 0.1).Select(x => { axes.At["tx"] = x; return world.Signal("transmitted", TimeSpan.Zero); }).ToList();
        var peak = scan.IndexOf(scan.Max());
        Assert.That(peak, Is.EqualTo(13), "the peak at tx = 0.3");
        Assert.That(scan.Max(), Is.EqualTo(1.0).Within(1e-3), "slit fully open, top of the edge, top of the peak");
        Assert.That(world.Signal("i0", TimeSpan.Zero), Is.EqualTo(1).Within(1e-5), "the monitor before the sample does not see it (slit at ±5σ)");
    }

    [Test]
    public void Diffraction_follows_the_rocking_curve_and_closing_the_slit_dims_everything()
    {
        using var clock = new SimulationClock(paused: true);
        var axes = new FakeAxes { At = { ["tx"] = 0.3, ["ty"] = 1 } };
        var world = new BeamlineWorld(Settings, axes, clock);
        axes.At["rot"] = 0.05;
        Assert.That(world.Geometry("diffracted") / world.Geometry("transmitted"), Is.EqualTo(0.5).Within(1e-9));
        axes.At["gap"] = 0.2;
        Assert.That(world.Geometry("i0"), Is.EqualTo(0.6827).Within(1e-4));
        Assert.That(() => world.Geometry("flux"), Throws.ArgumentException.With.Message.Contains("signals: source, i0, transmitted, diffracted"));
    }

    [Test]
    public void A_sample_offset_moves_the_response_without_moving_an_axis()
    {
        using var clock = new SimulationClock(paused: true);
        var axes = new FakeAxes { At = { ["tx"] = 0.3, ["ty"] = 1 } };
        var world = new BeamlineWorld(Settings, axes, clock);
        var centred = world.Geometry("transmitted");
        world.SetSampleOffset("tx", -0.3);
        Assert.That(world.Geometry("transmitted"), Is.LessThan(centred / 2));
        Assert.That(world.Snapshot().Positions["tx"], Is.EqualTo(0).Within(1e-12), "the world sees the sample moved");
    }

    [Test]
    public void An_axis_no_drive_has_is_named()
    {
        using var clock = new SimulationClock(paused: true);
        var world = new BeamlineWorld(Settings with { Rocking = [new Response(ResponseShape.Lorentzian, ["th"], 0, 1, 1, 0)] }, new FakeAxes(), clock);
        Assert.That(world.MissingAxis, Is.EqualTo("th"));
    }
}
