using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.Tests.ScanServer.Scans;

/// <summary>Positions as BEC computes them: numpy's linspace to the last bit, grids with the first motor fast, snaked or not.</summary>
public class ScanPositionTests
{
    [Test]
    public void Linspace_equals_numpys_bit_for_bit()
    {
        // numpy.linspace(-1, 1, 50)[11] = -0.5510204081632654 (recorded in fixture 06); a plain (stop − start) × i / (n − 1) gives …653.
        Assert.That(Timing.Linspace(-1, 1, 50)[11], Is.EqualTo(-0.5510204081632654));
        Assert.That(Timing.Linspace(-1, 1, 5), Is.EqualTo(new[] { -1, -0.5, 0, 0.5, 1 }));
        Assert.That(Timing.Linspace(3, 7, 1), Is.EqualTo(new[] { 3.0 }));
    }

    [Test]
    public void A_grid_runs_the_first_motor_fastest_and_snakes_unless_told_not_to()
    {
        double[][] axes = [[-1, 0, 1], [10, 20]];
        Assert.That(GridScanKind.Grid(axes, snaked: true), Is.EqualTo(new[] { new[] { -1.0, 10 }, [0, 10], [1, 10], [1, 20], [0, 20], [-1, 20] }));
        Assert.That(GridScanKind.Grid(axes, snaked: false), Is.EqualTo(new[] { new[] { -1.0, 10 }, [0, 10], [1, 10], [-1, 20], [0, 20], [1, 20] }));
        Assert.That(GridScanKind.Grid([[1, 2], [3, 4], [5, 6]], snaked: false).Select(p => string.Join(",", p)),
            Is.EqualTo(new[] { "1,3,5", "2,3,5", "1,4,5", "2,4,5", "1,3,6", "2,3,6", "1,4,6", "2,4,6" }));
    }
}
