namespace Testbed.Twin.Tests.Detector;

/// <summary>SIMPLON monitor images/monitor?timeout= (B5.3): waits on the twin's clock for an image, 408 after, 400 for a bad timeout.</summary>
public class MonitorTimeoutTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Monitor = "/monitor/api/1.8.0";

    private static async Task<SimplonRig> StartAsync()
    {
        var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Monitor + "/config/mode", """{"value": "enabled"}""");
        return rig;
    }

    [Test]
    public async Task A_waiting_request_gets_the_first_image_when_it_is_made()
    {
        await using var rig = await StartAsync();
        await rig.PutAsync(Det + "/config/count_time", """{"value": 2.0}""");
        await rig.PutAsync(Det + "/command/arm");
        // One virtual hour: at the rig's rate 1000 that is 3.6 s of real time, far more than the 0.1 s looked at below.
        var waiting = rig.Http.GetAsync(rig.Base + Monitor + "/images/monitor?timeout=3600000");
        await Task.Delay(100);
        Assert.That(waiting.IsCompleted, Is.False, "no image yet: the request waits");
        _ = rig.PutAsync(Det + "/command/trigger");
        using var response = await waiting;
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var tiff = TiffReader.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.That(tiff.Pixels, Is.EqualTo(rig.Twin.Model.Synthesizer.Make(0, 1, 2.0, rig.Clock.GetUtcNow()).Bytes.ToArray()), "the first frame of the series");
    }

    [Test]
    public async Task Without_an_image_the_reply_is_408_once_the_timeout_has_passed_on_the_twin_clock()
    {
        await using var rig = await StartAsync();
        var before = rig.Clock.GetUtcNow();
        var (status, json) = await rig.GetAsync(Monitor + "/images/monitor?timeout=2000");
        var waited = rig.Clock.GetUtcNow() - before;
        Assert.That(status, Is.EqualTo(408));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("2000 ms"));
        Assert.That(waited, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)));

        before = rig.Clock.GetUtcNow();
        Assert.That((await rig.GetAsync(Monitor + "/images/monitor")).Status, Is.EqualTo(408));
        Assert.That(rig.Clock.GetUtcNow() - before, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)), "SIMPLON's default wait is 500 ms");
        Assert.That((await rig.GetAsync(Monitor + "/images/monitor?timeout=0")).Status, Is.EqualTo(408));
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
