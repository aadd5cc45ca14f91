using Testbed.Bench.Rendering;

namespace Testbed.Bench.Tests.Rendering;

public class QuantityTests
{
    [TestCase(114.2e6, "114.2 M")]
    [TestCase(37221.4, "37,221")]
    [TestCase(496.0, "496")]
    [TestCase(47.24, "47.2")]
    [TestCase(0.943, "0.94")]
    [TestCase(double.NaN, "—")]
    public void Values_are_shown_with_about_three_figures(double value, string expected)
    {
        Assert.That(Quantity.Format(value), Is.EqualTo(expected));
    }

    [Test]
    public void A_range_of_one_value_is_that_value()
    {
        Assert.That(Quantity.Range(0.83, 0.83, ratio: true), Is.EqualTo("0.83"));
        Assert.That(Quantity.Range(0.36, 1.27, ratio: true), Is.EqualTo("0.36–1.27"));
    }
}
