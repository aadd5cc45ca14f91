using Testbed.TestSupport;

namespace Testbed.Twin.Tests.Detector;

/// <summary>SIMPLON monitor images/monitor?timeout= (B5.3): waits on the twin's clock for an image, 408 after, 400 for a bad timeout.</summary>
public class MonitorTimeoutTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Monitor = "/monitor/api/1.8.0";

    private static async Task<SimplonRig> StartAsync(bool paused = false)
    {
        var rig = await SimplonRig.StartAsync(paused: paused);
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Monitor + "/config/mode", """{"value": "enabled"}""");
        return rig;
    }

    /// <summary>Waits (real I/O: the request crossing HTTP) until the twin waits on its clock for a timer due <paramref name="after"/> from now.</summary>
    private static Task WaitsOnTheClock(SimplonRig rig, TimeSpan after, string what)
    {
        var due = rig.Clock.Elapsed + after;
        return Eventually.ValueAsync(() => rig.Clock.PendingDueTimes, d => d.Contains(due), what);
    }

    [Test]
    public async Task A_waiting_request_gets_the_first_image_when_it_is_made()
    {
        await using var rig = await StartAsync(paused: true);
        await rig.PutAsync(Det + "/config/count_time", """{"value": 2.0}""");
        await rig.PutAsync(Det + "/command/arm");
        var waiting = rig.Http.GetAsync(rig.Base + Monitor + "/images/monitor?timeout=3600000");
        await WaitsOnTheClock(rig, TimeSpan.FromHours(1), "the monitor request waiting up to its timeout");
        Assert.That(waiting.IsCompleted, Is.False, "no image yet: the request waits");
        var trigger = rig.PutAsync(Det + "/command/trigger");
        await WaitsOnTheClock(rig, TimeSpan.FromSeconds(2), "the exposure of the first frame");
        rig.Clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.That(waiting.IsCompleted, Is.False, "the exposure is not over: still no image");
        rig.Clock.Advance(TimeSpan.FromTicks(1));
        using var response = await waiting.WaitAsync(Eventually.DefaultDeadline);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var tiff = TiffReader.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.That(tiff.Pixels, Is.EqualTo(rig.Twin.Model.Synthesizer.Make(0, 1, 2.0, rig.Clock.GetUtcNow()).Bytes.ToArray()), "the first frame of the series");
        await trigger.WaitAsync(Eventually.DefaultDeadline);
    }

    [TestCase("?timeout=2000", 2000)]
    [TestCase("", 500)]
    public async Task Without_an_image_the_reply_is_408_once_the_timeout_has_passed_on_the_twin_clock(string query, int milliseconds)
    {
        await using var rig = await StartAsync(paused: true);
        var timeout = TimeSpan.FromMilliseconds(milliseconds);
        var pending = rig.GetAsync(Monitor + "/images/monitor" + query);
        await WaitsOnTheClock(rig, timeout, $"the monitor request waiting {milliseconds} ms (SIMPLON's default wait is 500 ms)");
        rig.Clock.Advance(timeout - TimeSpan.FromTicks(1));
        Assert.That(pending.IsCompleted, Is.False, "one tick before the timeout the request still waits");
        rig.Clock.Advance(TimeSpan.FromTicks(1));
        var (status, json) = await pending.WaitAsync(Eventually.DefaultDeadline);
        Assert.That(status, Is.EqualTo(408));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain($"{milliseconds} ms"));
    }

    [Test]
    public async Task A_zero_timeout_is_answered_at_once()
    {
        await using var rig = await StartAsync(paused: true);
        Assert.That((await rig.GetAsync(Monitor + "/images/monitor?timeout=0")).Status, Is.EqualTo(408), "answered with the clock standing still");
    }

    [TestCase("abc")]
    [TestCase("-5")]
    [TestCase("1.5")]
    public async Task A_bad_timeout_is_refused_with_a_JSON_error(string value)
    {
        await using var rig = await StartAsync();
        var (status, json) = await rig.GetAsync(Monitor + "/images/monitor?timeout=" + value);
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("timeout").And.Contain("milliseconds"));
    }
}
