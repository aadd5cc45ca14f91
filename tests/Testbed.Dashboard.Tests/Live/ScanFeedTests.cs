using Testbed.Blissdata;
using Testbed.Dashboard.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Live;

/// <summary>The SSE feed of one scan, read as the page reads it, while the scan is published into a real Redis.</summary>
public class ScanFeedTests
{
    [Test]
    public async Task A_running_scan_streams_state_layout_every_point_and_frame_progress_until_closed()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 6);
        await scan.AddPointsAsync(2);
        await using var feed = await SseClient.OpenAsync(h.Http, $"api/scan/{scan.Key}/events");
        await Eventually.ValueAsync(() => feed.Values("c:ct").Length, n => n == 2, "the first two points");
        var layout = feed.Data("layout").Single();
        Assert.That(layout.GetProperty("motor").GetString(), Is.EqualTo("axis:m"));
        Assert.That(layout.GetProperty("curves").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "c:ct" }));
        Assert.That(layout.GetProperty("images").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "det:image" }));

        await scan.AddPointsAsync(4);
        await Eventually.ValueAsync(() => feed.Values("c:ct").Length, n => n == 6, "all six points");
        Assert.That(feed.Values("axis:m"), Is.EqualTo(Enumerable.Range(0, 6).Select(i => (double?)LiveScan.Motor(i)).ToArray()));
        Assert.That(feed.Values("c:ct"), Is.EqualTo(Enumerable.Range(0, 6).Select(i => (double?)LiveScan.Counts(i)).ToArray()));
        await Eventually.ValueAsync(() => feed.Data("frame").LastOrDefault(), f => f.ValueKind != System.Text.Json.JsonValueKind.Undefined && f.GetProperty("lastSaved").GetInt64() == 5, "frame 5 announced as saved");

        await scan.FinishAsync();
        await Eventually.UntilAsync(() => feed.Events.Any(e => e.Name == "end"), "the end event");
        var states = feed.Data("state").Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.That(states[0], Is.EqualTo("STARTED"));
        Assert.That(states[^1], Is.EqualTo("CLOSED"));
        var last = feed.Data("state").Last();
        Assert.That(last.GetProperty("endReason").GetString(), Is.EqualTo("SUCCESS"));
        Assert.That(last.GetProperty("npoints").GetInt64(), Is.EqualTo(6));
    }

    [Test]
    public async Task An_aborted_scan_ends_with_its_end_reason()
    {
        await using var h = await DashboardHarness.StartAsync();
        var scan = await h.StartScanAsync(npoints: 10, withDetector: false);
        await scan.AddPointsAsync(3);
        await using var feed = await SseClient.OpenAsync(h.Http, $"api/scan/{scan.Key}/events");
        await scan.FinishAsync(EndReason.UserAbort);
        await Eventually.UntilAsync(() => feed.Events.Any(e => e.Name == "end"), "the end event");
        Assert.That(feed.Data("state").Last().GetProperty("endReason").GetString(), Is.EqualTo("USER_ABORT"));
        Assert.That(feed.Values("c:ct"), Has.Length.EqualTo(3));
    }

    [Test]
    public async Task An_unknown_scan_is_a_404_with_a_one_line_reason()
    {
        await using var h = await DashboardHarness.StartAsync();
        using var response = await h.Http.GetAsync("api/scan/esrf:scan:01JZZZZZZZZZZZZZZZZZZZZZZZ/events");
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text.TrimEnd('\n'), Does.Not.Contain("\n").And.Contain("does not exist"));
    }
}
