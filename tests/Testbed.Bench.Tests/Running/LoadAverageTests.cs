using Testbed.Bench.Running;

namespace Testbed.Bench.Tests.Running;

public class LoadAverageTests
{
    [TestCase("16.02 15.44 12.31 16/322 15773\n", 16.02)]
    [TestCase("0.00 0.01 0.05 1/100 1", 0.0)]
    public void The_first_field_is_the_one_minute_load(string line, double expected)
    {
        Assert.That(LoadAverage.Parse(line), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("load")]
    [TestCase("-1 0 0 1/1 1")]
    public void A_line_that_is_not_a_load_gives_none(string line)
    {
        Assert.That(LoadAverage.Parse(line), Is.Null);
    }
}
