using System.Text.Json;
using Testbed.Dashboard.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Dashboard.Tests.Live;

/// <summary>The scan list: newest first, and its live feed sends the list again when a scan appears or changes state.</summary>
public class ScanListTests
{
    [Test]
    public async Task The_list_is_newest_first_and_the_live_feed_follows_new_scans_and_states()
    {
        await using var h = await DashboardHarness.StartAsync();
        var first = await h.StartScanAsync(npoints: 2, number: 1, withDetector: false);
        await first.AddPointsAsync(2);
        await first.FinishAsync();
        await using var feed = await SseClient.OpenAsync(h.Http, "api/scans/live");
        await Eventually.UntilAsync(() => feed.Data("scans").Any(), "the first list");

        var second = await h.StartScanAsync(npoints: 2, number: 2, withDetector: false);
        var running = await Eventually.ValueAsync(() => feed.Data("scans").LastOrDefault(), l => l.ValueKind == JsonValueKind.Array && l.GetArrayLength() == 2, "a list with the new scan");
        Assert.That(running.EnumerateArray().Select(s => s.GetProperty("key").GetString()), Is.EqualTo(new[] { second.Key, first.Key }));
        Assert.That(running[0].GetProperty("state").GetString(), Is.EqualTo("STARTED"));
        Assert.That(running[1].GetProperty("state").GetString(), Is.EqualTo("CLOSED"));

        await second.FinishAsync();
        await Eventually.UntilAsync(() => feed.Data("scans").Last()[0].GetProperty("state").GetString() == "CLOSED", "the second scan shown closed");

        var listed = JsonDocument.Parse(await h.Http.GetStringAsync("api/scans")).RootElement;
        Assert.That(listed[0].GetProperty("number").GetInt64(), Is.EqualTo(2));
        Assert.That(listed[0].GetProperty("endReason").GetString(), Is.EqualTo("SUCCESS"));
        Assert.That(listed[0].GetProperty("title").GetString(), Does.StartWith("ascan m"));
    }
}
