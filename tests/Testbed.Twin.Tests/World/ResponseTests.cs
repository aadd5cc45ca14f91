using Testbed.Twin.World;

namespace Testbed.Twin.Tests.World;

/// <summary>The sample's and the crystal's responses along their axes.</summary>
public class ResponseTests
{
    private static Func<string, double> At(double x, double y = 0) => a => a == "tx" ? x : y;

    [Test]
    public void A_gaussian_peaks_at_its_centre_and_falls_to_the_background()
    {
        var r = new Response(ResponseShape.Gaussian, ["tx"], Centre: 0.3, Width: 0.1, Height: 2, Background: 0.5);
        Assert.That(r.At(At(0.3)), Is.EqualTo(2.5).Within(1e-12));
        Assert.That(r.At(At(0.4)), Is.EqualTo(0.5 + 2 * Math.Exp(-0.5)).Within(1e-12), "one σ away");
        Assert.That(r.At(At(5)), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void A_lorentzian_is_at_half_height_one_half_width_away()
    {
        var r = new Response(ResponseShape.Lorentzian, ["rot"], Centre: 2, Width: 0.05, Height: 1, Background: 0);
        Assert.That(r.At(_ => 2.05), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void A_step_and_an_edge_rise_at_their_centre()
    {
        var step = new Response(ResponseShape.Step, ["ty"], 1, 0.1, 0.8, 0.2);
        var edge = new Response(ResponseShape.Edge, ["ty"], 1, 0.1, 0.8, 0.2);
        Assert.That((step.At(At(0, 0.99)), step.At(At(0, 1.0))), Is.EqualTo((0.2, 1.0)));
        Assert.That(edge.At(At(0, 1.0)), Is.EqualTo(0.6).Within(1e-12), "half way up at the centre");
        Assert.That(edge.At(At(0, 0.0)), Is.EqualTo(0.2).Within(1e-6));
        Assert.That(edge.At(At(0, 2.0)), Is.EqualTo(1.0).Within(1e-6));
    }

    [Test]
    public void A_map_adds_its_peaks_over_two_axes()
    {
        var map = new Response(ResponseShape.Map, ["tx", "ty"], 0, 1, 0, 0.1, [new MapPeak(1, 1, 0.2, 1), new MapPeak(-1, 0, 0.2, 0.5)]);
        Assert.That(map.At(At(1, 1)), Is.EqualTo(1.1).Within(1e-6));
        Assert.That(map.At(At(-1, 0)), Is.EqualTo(0.6).Within(1e-6));
        Assert.That(map.At(At(0, -3)), Is.EqualTo(0.1).Within(1e-9));
    }

    [Test]
    public void Slits_pass_the_fraction_of_a_gaussian_beam_inside_their_opening()
    {
        var slits = new Slits(WorldQuantity.OfAxis("gap"), WorldQuantity.OfAxis("off"), BeamSigma: 0.1);
        Assert.That(slits.Transmission(a => a == "gap" ? 0.2 : 0), Is.EqualTo(0.682689).Within(1e-6), "±1σ");
        Assert.That(slits.Transmission(a => a == "gap" ? 10 : 0), Is.EqualTo(1).Within(1e-9));
        Assert.That(slits.Transmission(a => a == "gap" ? 0.2 : 0.1), Is.EqualTo(0.5 * (0.954499736)).Within(1e-6), "opening [0, 0.2]: half of ±2σ");
        Assert.That(slits.Transmission(a => a == "gap" ? -1 : 0), Is.Zero, "a closed slit passes nothing");
    }
}
