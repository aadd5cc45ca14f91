using System.Text.Json;
using Testbed.Dashboard.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Browser;

/// <summary>The page in a real (headless) browser while a scan is published into a real Redis: the plot gains points, the frame renders, the state ends CLOSED.</summary>
public class DashboardPageTests
{
    [Test]
    public async Task The_page_plots_new_points_live_and_renders_the_latest_frame()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        // With a token, so the test also proves the page passes it on to every feed, frame and API call.
        await using var h = await DashboardHarness.StartAsync(o => o with { Token = "t0k3n" });
        var scan = await h.StartScanAsync(npoints: 8);
        await scan.AddPointsAsync(3);
        await browser.NavigateAsync(new Uri(h.Server.Url, "?token=t0k3n"));

        async Task<JsonElement> View() =>
            JsonDocument.Parse((await browser.EvaluateAsync(
                "JSON.stringify(window.dashboard ? { key: dashboard.key, plotted: dashboard.plotted, frames: dashboard.framesShown, lastFrame: dashboard.lastFrame," +
                " width: dashboard.frameWidth || 0, state: dashboard.state, endReason: dashboard.endReason, badge: document.getElementById('state').textContent," +
                " progress: document.getElementById('progress-text').textContent, roi: document.getElementById('roi-sum').textContent } : {})"))!.GetValue<string>()).RootElement;
        int Int(JsonElement v, string name) => v.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : -1;

        var first = await Eventually.QueryAsync(View, v => Int(v, "plotted") == 3 && Int(v, "lastFrame") == 2, "3 points plotted and frame 2 shown", TimeSpan.FromSeconds(30));
        Assert.That(first.GetProperty("key").GetString(), Is.EqualTo(scan.Key), "the page follows the newest scan");
        Assert.That(Int(first, "width"), Is.GreaterThan(0), "the frame image decoded in the browser");

        await scan.AddPointsAsync(4);
        var more = await Eventually.QueryAsync(View, v => Int(v, "plotted") == 7 && Int(v, "lastFrame") == 6, "7 points plotted and frame 6 shown", TimeSpan.FromSeconds(30));
        Assert.That(more.GetProperty("progress").GetString(), Is.EqualTo("7 / 8 points"));
        Assert.That(Int(more, "frames"), Is.GreaterThanOrEqualTo(2), "the frame was replaced by newer ones");
        await Eventually.QueryAsync(View, v => v.GetProperty("roi").GetString() == $"sum {LiveScan.FrameSum(6)}", "the sum of frame 6 shown", TimeSpan.FromSeconds(30));

        await scan.AddPointAsync();
        await scan.FinishAsync();
        var done = await Eventually.QueryAsync(View, v => v.GetProperty("state").GetString() == "CLOSED" && Int(v, "plotted") == 8, "the scan shown CLOSED with 8 points", TimeSpan.FromSeconds(30));
        Assert.That(done.GetProperty("endReason").GetString(), Is.EqualTo("SUCCESS"));
        Assert.That(done.GetProperty("badge").GetString(), Is.EqualTo("CLOSED"));

        var shot = await browser.ScreenshotAsync();
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"dashboard-{TestContext.CurrentContext.Test.ID}.png");
        await File.WriteAllBytesAsync(path, shot);
        TestContext.AddTestAttachment(path, "the dashboard page at the end of a live scan");
        var (width, height, colours) = Png.Inspect(shot);
        Assert.That((width, height), Is.EqualTo((1280, 900)));
        Assert.That(colours, Is.GreaterThan(50), "a page with a plot and a heat map, not a blank one");
    }
}
