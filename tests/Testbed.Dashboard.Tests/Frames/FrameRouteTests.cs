using System.Text.Json;
using Testbed.Dashboard.Tests.Support;

namespace Testbed.Dashboard.Tests.Frames;

/// <summary>The latest detector frame, read from its HDF5 file: numbers (sum, ROI sum) and the rendered PNG.</summary>
public class FrameRouteTests
{
    [Test]
    public async Task The_latest_frame_is_read_from_its_file_with_its_sum_and_roi_sum()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 4);
        await scan.AddPointsAsync(3);
        var json = JsonDocument.Parse(await h.Http.GetStringAsync($"api/scan/{scan.Key}/frame.json?roi=2,1,6,4")).RootElement;
        Assert.That(json.GetProperty("index").GetInt64(), Is.EqualTo(2));
        Assert.That((json.GetProperty("width").GetInt32(), json.GetProperty("height").GetInt32()), Is.EqualTo((LiveScan.Width, LiveScan.Height)));
        Assert.That(json.GetProperty("sum").GetDouble(), Is.EqualTo(LiveScan.FrameSum(2)));
        Assert.That(json.GetProperty("roiSum").GetDouble(), Is.EqualTo(LiveScan.FrameSum(2, 2, 1, 6, 4)));
        Assert.That(json.GetProperty("min").GetDouble(), Is.EqualTo(LiveScan.Pixel(2, 0, 0)));
        Assert.That(json.GetProperty("source").GetString(), Does.Contain("scan1_det_0002.h5"));

        var first = JsonDocument.Parse(await h.Http.GetStringAsync($"api/scan/{scan.Key}/frame.json?index=0")).RootElement;
        Assert.That(first.GetProperty("sum").GetDouble(), Is.EqualTo(LiveScan.FrameSum(0)));
    }

    [Test]
    public async Task The_frame_png_decodes_and_changes_with_the_colour_scale()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 2);
        await scan.AddPointsAsync(1);
        using var response = await h.Http.GetAsync($"api/scan/{scan.Key}/frame.png");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        var viridis = await response.Content.ReadAsByteArrayAsync();
        var (width, height, colours) = Png.Inspect(viridis);
        Assert.That(width, Is.GreaterThanOrEqualTo(300));
        Assert.That(height, Is.GreaterThanOrEqualTo(200));
        Assert.That(colours, Is.GreaterThan(20), "a ramp shows many colours");
        var gray = await h.Http.GetByteArrayAsync($"api/scan/{scan.Key}/frame.png?cmap=gray&roi=1,1,5,5");
        Png.Inspect(gray);
        Assert.That(gray, Is.Not.EqualTo(viridis));
    }

    [Test]
    public async Task A_frame_not_saved_yet_is_refused_with_the_frames_that_are()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 5);
        await scan.AddPointsAsync(2);
        using var response = await h.Http.GetAsync($"api/scan/{scan.Key}/frame.json?index=4");
        Assert.That((int)response.StatusCode, Is.EqualTo(409));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("frames 0…1 are (saved)"));
        using var bad = await h.Http.GetAsync($"api/scan/{scan.Key}/frame.json?roi=5,5,2,2");
        Assert.That((int)bad.StatusCode, Is.EqualTo(400));
    }
}
