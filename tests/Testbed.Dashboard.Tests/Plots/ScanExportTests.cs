using Testbed.Dashboard.Export;
using Testbed.Dashboard.Frames;
using Testbed.Dashboard.Tests.Support;

namespace Testbed.Dashboard.Tests.Plots;

/// <summary>PNG export of a scan's curves and of a frame: files that decode, of the asked size, not blank, never overwritten.</summary>
public class ScanExportTests
{
    [Test]
    public async Task A_scan_plot_is_a_png_of_the_asked_size_with_its_curve_drawn()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 8, withDetector: false);
        await scan.AddPointsAsync(8);
        await scan.FinishAsync();
        var file = h.Dir.File("scan.png");
        var what = await ScanExport.PlotAsync(h.Store, scan.Key, file, 640, 400);
        Assert.That(what, Is.EqualTo("c:ct vs axis:m, 8 points"));
        var (width, height, colours) = Png.Inspect(File.ReadAllBytes(file));
        Assert.That((width, height), Is.EqualTo((640, 400)));
        Assert.That(colours, Is.GreaterThan(10), "axes, text and a curve");
        Assert.That(File.Exists(file + ".part"), Is.False);
    }

    [Test]
    public async Task An_existing_file_is_never_overwritten()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 2, withDetector: false);
        await scan.AddPointsAsync(2);
        var file = h.Dir.File("taken.png");
        File.WriteAllText(file, "mine");
        var e = Assert.ThrowsAsync<IOException>(() => ScanExport.PlotAsync(h.Store, scan.Key, file));
        Assert.That(e!.Message, Does.Contain("exists"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("mine"));
    }

    [Test]
    public async Task A_frame_export_reads_the_frame_file_and_reports_the_roi_sum()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 3);
        await scan.AddPointsAsync(3);
        var file = h.Dir.File("frame.png");
        var what = await ScanExport.FrameAsync(h.Store, scan.Key, 1, file, roi: new Roi(0, 0, 4, 3));
        Assert.That(what, Does.Contain("det:image frame 1 (16×12)").And.EndWith($"sum in 0,0,4,3 {LiveScan.FrameSum(1, 0, 0, 4, 3):G6}"));
        var (_, _, colours) = Png.Inspect(File.ReadAllBytes(file));
        Assert.That(colours, Is.GreaterThan(20));
        var latest = await ScanExport.FrameAsync(h.Store, scan.Key, -1, h.Dir.File("latest.png"));
        Assert.That(latest, Does.Contain("frame 2 "));
    }

    [Test]
    public async Task A_scan_without_a_detector_says_so()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 2, withDetector: false);
        var e = Assert.ThrowsAsync<Blissdata.BlissdataException>(() => ScanExport.FrameAsync(h.Store, scan.Key, 0, h.Dir.File("x.png")));
        Assert.That(e!.Message, Does.Contain("has no detector stream"));
        Assert.That(File.Exists(h.Dir.File("x.png")), Is.False);
    }
}
