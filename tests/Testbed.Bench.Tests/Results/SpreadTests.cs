using Testbed.Bench.Results;

namespace Testbed.Bench.Tests.Results;

public class SpreadTests
{
    [Test]
    public void An_odd_number_of_runs_has_the_middle_value_as_median_whatever_the_order()
    {
        var spread = Spread.Of([1.27, 0.36, 0.9, 0.5, 1.1]);
        Assert.That(spread, Is.EqualTo(new Spread(0.9, 0.36, 1.27, 5)));
    }

    [Test]
    public void An_even_number_of_runs_has_the_mean_of_the_two_middle_values_as_median()
    {
        var spread = Spread.Of([4.0, 1.0, 3.0, 2.0]);
        Assert.That(spread.Median, Is.EqualTo(2.5));
        Assert.That((spread.Min, spread.Max, spread.Count), Is.EqualTo((1.0, 4.0, 4)));
    }

    [Test]
    public void One_run_is_its_own_median_and_range()
    {
        Assert.That(Spread.Of([0.83]), Is.EqualTo(new Spread(0.83, 0.83, 0.83, 1)));
    }

    [Test]
    public void An_outlier_moves_the_range_but_not_the_median()
    {
        var spread = Spread.Of([0.94, 0.95, 0.97, 0.96, 0.05]);
        Assert.That(spread.Median, Is.EqualTo(0.95));
        Assert.That(spread.Min, Is.EqualTo(0.05));
    }

    [Test]
    public void A_run_without_a_number_is_not_dropped_it_makes_the_spread_unknown()
    {
        var spread = Spread.Of([0.9, double.NaN, 1.0]);
        Assert.That(double.IsNaN(spread.Median) && double.IsNaN(spread.Min) && double.IsNaN(spread.Max), Is.True, spread.ToString());
        Assert.That(spread.Count, Is.EqualTo(3));
    }

    [Test]
    public void No_runs_are_refused()
    {
        Assert.That(() => Spread.Of([]), Throws.ArgumentException);
    }
}
