using Testbed.Bench.Running;

namespace Testbed.Bench.Tests.Running;

public class RotationTests
{
    [Test]
    public void Each_part_runs_once_per_repetition_and_each_goes_first_in_turn()
    {
        Assert.That(Rotation.Order(3, 0), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Rotation.Order(3, 1), Is.EqualTo(new[] { 1, 2, 0 }));
        Assert.That(Rotation.Order(3, 2), Is.EqualTo(new[] { 2, 0, 1 }));
        Assert.That(Rotation.Order(3, 3), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Enumerable.Range(0, 4).Select(r => Rotation.Order(2, r).First()), Is.EqualTo(new[] { 0, 1, 0, 1 }));
    }
}
