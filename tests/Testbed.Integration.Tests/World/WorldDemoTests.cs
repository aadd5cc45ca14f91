using System.Globalization;
using Testbed.Integration.Tests.Cli;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.World;

/// <summary>The coupled beamline through the real wires: moving an axis across the sample shows its peak in the diode and in the detector.</summary>
public class WorldDemoTests
{
    [Test]
    public void A_scan_across_the_sample_shows_its_peak_in_the_diode_and_the_detector_sum_and_not_in_the_monitor()
    {
        using var dir = new TempDirectory("world-demo");
        var yaml = WorldBeamline.Write(dir);
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--from", "-0.7", "--to", "1.3", "--points", "11", "--rate", "20");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        var rows = demo.Output.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split('\t')).ToList();
        var m = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        var mon = rows.Select(r => Amperes(r[3])).ToList();
        var dio = rows.Select(r => Amperes(r[4])).ToList();
        var peak = dio.IndexOf(dio.Max());
        Assert.That(m[peak], Is.EqualTo(WorldBeamline.PeakCentre).Within(1e-6), demo.Output);
        Assert.That(dio.Max() / dio[0], Is.GreaterThan(4), "a peak, well above the background");
        Assert.That(dio.Max(), Is.EqualTo(4.0e-8 * 1.0).Within(2).Percent, "full beam on the peak: the diode's amperes");
        Assert.That(mon, Has.All.EqualTo(2.0e-9).Within(1).Percent, "the monitor before the sample does not see it");
        var sums = FrameSums.Read(FrameSums.FileOf(demo.Output)).Select(f => f.Sum).ToList();
        Assert.That(sums.IndexOf(sums.Max()), Is.EqualTo(peak), "the detector sees the same peak");
        Assert.That(sums.Max() - sums.Min(), Is.GreaterThan(0.5e7 * 0.01), "by about flux × exposure × the peak's height");
    }

    [Test]
    public void The_shipped_demo_beamline_shows_the_peak_when_it_scans_tx()
    {
        using var dir = new TempDirectory("demo-yaml");
        var shipped = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "scenarios", "beamlines", "demo.yaml");
        var yaml = dir.File("demo.yaml");
        File.Copy(shipped, yaml);
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--rate", "20");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        Assert.That(demo.Output, Does.Contain("step scan of tx from -1 to 1 mm, 11 points"), "tx is the demo's first axis");
        var rows = demo.Output.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split('\t')).ToList();
        var diode = rows.Select(r => Amperes(r[5])).ToList();
        var tx = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.That(Math.Abs(tx[diode.IndexOf(diode.Max())] - 0.3), Is.LessThanOrEqualTo(0.1 + 1e-9), demo.Output);
        var sums = FrameSums.Read(FrameSums.FileOf(demo.Output)).Select(f => f.Sum).ToList();
        Assert.That(Math.Abs(tx[sums.IndexOf(sums.Max())] - 0.3), Is.LessThanOrEqualTo(0.1 + 1e-9));
        Assert.That((double)sums.Max() / sums[0], Is.GreaterThan(1.2));
    }

    private static double Amperes(string cell) => double.Parse(cell.Split(' ')[0], CultureInfo.InvariantCulture);
}
