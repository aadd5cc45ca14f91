using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;

namespace Testbed.Drivers.Tests.Detector;

/// <summary>Replies of the wrong JSON type, found by fuzzing (testbed fuzz simplon-replies): a <see cref="SimplonRequestException"/> naming the resource, never an InvalidOperationException.</summary>
public class MalformedReplyTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    private static SimplonDetector Driver(ScriptedSimplonServer s) =>
        new(new SimplonDetectorOptions("det1", s.Url, "/mnt/det1") { PollInterval = TimeSpan.FromMilliseconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });

    [TestCase("""{"value": 3}""", "not a string")]
    [TestCase("""["idle"]""", "without \"value\"")]
    [TestCase("\"idle\"", "without \"value\"")]
    public async Task Detector_state_of_the_wrong_type(string reply, string problem)
    {
        using var s = new ScriptedSimplonServer();
        s.On($"GET {Det}/status/state", 200, reply);
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.StateAsync());
        Assert.That(e!.Message, Does.Contain("det1").And.Contain(s.Url + Det + "/status/state").And.Contain(problem));
    }

    [TestCase("""{"value": "32"}""")]
    [TestCase("""{"value": 1e10}""")]
    [TestCase("""{"value": [32]}""")]
    public async Task Frame_width_that_is_no_int32(string reply)
    {
        using var s = new ScriptedSimplonServer();
        s.On($"GET {Det}/config/x_pixels_in_detector", 200, reply);
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.FrameGeometryAsync());
        Assert.That(e!.Message, Does.Contain("x_pixels_in_detector").And.Contain("not an integer"));
    }

    [TestCase("""{"value": "a.h5"}""")]
    [TestCase("""{"value": ["a.h5", 7]}""")]
    public async Task File_list_that_is_no_list_of_names(string reply)
    {
        using var s = new ScriptedSimplonServer();
        s.On($"GET {Fw}/status/files", 200, reply);
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.ArmAsync());
        Assert.That(e!.Message, Does.Contain("/status/files").And.Contain("not a list of strings"));
    }

    [TestCase("""{"sequence id": "1"}""")]
    [TestCase("""{"sequence id": 2.5}""")]
    public async Task Sequence_id_that_is_no_integer(string reply)
    {
        using var s = new ScriptedSimplonServer();
        s.On($"GET {Fw}/status/files", 200, """{"value": []}""");
        s.On($"PUT {Det}/command/arm", 200, reply);
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.ArmAsync());
        Assert.That(e!.Message, Does.Contain("without a sequence id"));
    }

    [Test]
    public async Task Changed_keys_that_are_not_names()
    {
        using var s = new ScriptedSimplonServer();
        s.On($"GET {Det}/status/state", 200, """{"value": "idle"}""");
        s.On($"PUT {Det}/config/trigger_mode", 200, "[true]");
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.ConfigureAsync(new AreaDetectorSettings(0.1)));
        Assert.That(e!.Message, Does.Contain("/config/trigger_mode").And.Contain("not the list of changed keys"));
    }
}
