using Testbed.Scenarios.Checks;
using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Tests;

/// <summary>The fits assertions and alignment rely on: centres and widths of synthetic curves at the scales counters really have.</summary>
public sealed class CurveFitTests
{
    private static double[] Grid(double from, double to, int n) => [.. Enumerable.Range(0, n).Select(i => from + (to - from) * i / (n - 1))];

    [TestCase(1.0, 0.0)]
    [TestCase(5e-8, 5e-9)]
    [TestCase(1e6, 3e5)]
    public void A_gaussian_gives_its_centre_and_fwhm_at_any_scale(double height, double background)
    {
        var x = Grid(-0.5, 1.1, 33);
        var y = x.Select(v => background + height * Math.Exp(-Math.Pow(v - 0.3, 2) / (2 * 0.15 * 0.15))).ToArray();
        var fit = CurveFit.Fit(FitShape.Gaussian, x, y);
        Assert.That(fit.Centre, Is.EqualTo(0.3).Within(1e-6));
        Assert.That(fit.Fwhm, Is.EqualTo(2 * Math.Sqrt(2 * Math.Log(2)) * 0.15).Within(1e-5));
    }

    [Test]
    public void An_edge_gives_its_position_whichever_way_it_steps()
    {
        var x = Grid(-2.6, -1.4, 25);
        var up = x.Select(v => 2e-9 + 9e-9 * 0.5 * (1 + MathNet.Numerics.SpecialFunctions.Erf((v + 2.0) / (0.1 * Math.Sqrt(2))))).ToArray();
        Assert.That(CurveFit.Fit(FitShape.Edge, x, up).Centre, Is.EqualTo(-2.0).Within(1e-4));
        // The same points read backwards: a falling edge, mirrored about the middle of the range, which is where the edge is.
        Assert.That(CurveFit.Fit(FitShape.Edge, x, [.. up.Reverse()]).Centre, Is.EqualTo(-2.0).Within(1e-4));
    }

    [Test]
    public void The_centroid_of_a_symmetric_peak_is_its_middle()
    {
        var x = Grid(0, 10, 21);
        var y = x.Select(v => Math.Exp(-Math.Pow(v - 4, 2))).ToArray();
        Assert.That(CurveFit.Fit(FitShape.Centroid, x, y).Centre, Is.EqualTo(4).Within(1e-3));
    }

    [Test]
    public void Too_few_points_or_a_flat_channel_are_said_not_fitted()
    {
        Assert.That(() => CurveFit.Fit(FitShape.Gaussian, [0, 1, 2], [1, 2, 1]), Throws.TypeOf<ScenarioCheckException>().With.Message.Contains("too few"));
        Assert.That(() => CurveFit.Fit(FitShape.Centroid, Grid(0, 1, 9), new double[9]), Throws.TypeOf<ScenarioCheckException>().With.Message.Contains("flat"));
    }
}
