using Testbed.Beamline;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;

namespace Testbed.Drivers.Tests.Detector;

/// <summary>The SIMPLON driver against a scripted HTTP responder: the requests it sends, the references it builds, its errors.</summary>
public class SimplonDetectorTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    private static ScriptedSimplonServer IdleDetector(string files = "[]")
    {
        var s = new ScriptedSimplonServer();
        s.On($"GET {Det}/status/state", 200, """{"value": "idle", "value_type": "string"}""");
        s.On($"GET {Fw}/status/state", 200, """{"value": "ready"}""");
        s.On($"GET {Fw}/status/files", 200, $$"""{"value": {{files}}}""");
        s.On($"GET {Fw}/config/data_path", 200, """{"value": "/entry/data/data"}""");
        foreach (var key in new[] { "trigger_mode", "count_time", "frame_time", "nimages", "ntrigger" })
            s.On($"PUT {Det}/config/{key}", 200, $"""["{key}"]""");
        foreach (var key in new[] { "mode", "name_pattern", "nimages_per_file", "file_path", "file_format", "file_write_mode" })
            s.On($"PUT {Fw}/config/{key}", 200, $"""["{key}"]""");
        s.On("PUT /monitor/api/1.8.0/config/mode", 200, """["mode"]""");
        return s;
    }

    private static SimplonDetector Driver(ScriptedSimplonServer s) =>
        new(new SimplonDetectorOptions("det1", s.Url, "/mnt/det1") { PollInterval = TimeSpan.FromMilliseconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });

    [Test]
    public async Task Configure_sends_the_simplon_keys_as_literal_json()
    {
        using var s = IdleDetector();
        await using var det = Driver(s);
        await det.ConfigureAsync(new AreaDetectorSettings(0.25, Images: 7, Triggers: 2, FramesPerFile: 3, FilePath: "scan1"));
        Assert.That(s.Log, Is.SupersetOf(new[]
        {
            $"PUT {Det}/config/trigger_mode {{\"value\":\"ints\"}}",
            $"PUT {Det}/config/count_time {{\"value\":0.25}}",
            $"PUT {Det}/config/nimages {{\"value\":7}}",
            $"PUT {Det}/config/ntrigger {{\"value\":2}}",
            $"PUT {Fw}/config/mode {{\"value\":\"enabled\"}}",
            $"PUT {Fw}/config/nimages_per_file {{\"value\":3}}",
            $"PUT {Fw}/config/file_path {{\"value\":\"scan1\"}}",
            "PUT /monitor/api/1.8.0/config/mode {\"value\":\"enabled\"}",
        }));
        Assert.That(s.Log, Has.None.Contains("/command/initialize"), "an idle detector is not re-initialized");
    }

    [Test]
    public async Task Uninitialized_detector_is_initialized_first()
    {
        using var s = IdleDetector();
        var state = "na";
        s.On($"GET {Det}/status/state", _ => (200, $$"""{"value": "{{state}}"}"""));
        s.On($"PUT {Det}/command/initialize", _ => { state = "idle"; return (200, ""); });
        await using var det = Driver(s);
        await det.ConfigureAsync(new AreaDetectorSettings(0.1));
        var log = s.Log.ToList();
        Assert.That(log.IndexOf($"PUT {Det}/command/initialize"), Is.GreaterThanOrEqualTo(0).And.LessThan(log.IndexOf($"PUT {Det}/config/trigger_mode {{\"value\":\"ints\"}}")));
    }

    [Test]
    public async Task Arm_trigger_wait_returns_one_file_reference_per_frame()
    {
        using var s = IdleDetector("""["old_000001.h5"]""");
        var state = "idle";
        s.On($"GET {Det}/status/state", _ => (200, $$"""{"value": "{{state}}"}"""));
        s.On($"PUT {Det}/command/arm", _ => { state = "ready"; return (200, """{"sequence id": 4}"""); });
        var polls = 0;
        s.On($"PUT {Det}/command/trigger", _ => { state = "acquire"; return (200, ""); });
        s.On($"GET {Fw}/status/files", _ => (200, state == "idle" && polls > 0
            ? """{"value": ["old_000001.h5", "s/series_4_000001.h5", "s/series_4_000002.h5", "s/series_4_000003.h5"]}"""
            : """{"value": ["old_000001.h5"]}"""));
        s.On($"GET {Fw}/status/state", _ => { if (state == "acquire" && ++polls >= 3) state = "idle"; return (200, """{"value": "ready"}"""); });
        await using var det = Driver(s);
        await det.ConfigureAsync(new AreaDetectorSettings(0.1, Images: 5, FramesPerFile: 2, FilePath: "s"));
        Assert.That(await det.ArmAsync(), Is.EqualTo(4));
        await det.TriggerAsync();
        var refs = await det.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(refs, Has.Count.EqualTo(5));
        Assert.That(refs[0], Is.EqualTo(new FrameReference(0, "/mnt/det1/s/series_4_000001.h5", "/entry/data/data", 0)));
        Assert.That(refs[3], Is.EqualTo(new FrameReference(3, "/mnt/det1/s/series_4_000002.h5", "/entry/data/data", 1)));
        Assert.That(refs[4], Is.EqualTo(new FrameReference(4, "/mnt/det1/s/series_4_000003.h5", "/entry/data/data", 0)));
        Assert.That(s.Log, Has.Some.EqualTo($"PUT {Det}/command/trigger"), "ints trigger has no body");
    }

    [Test]
    public async Task Gated_trigger_sends_the_exposure_as_value()
    {
        using var s = IdleDetector();
        s.On($"PUT {Det}/command/trigger", 200, "");
        await using var det = Driver(s);
        await det.ConfigureAsync(new AreaDetectorSettings(0.1, Triggers: 2, Trigger: DetectorTrigger.SoftwareGate));
        await det.TriggerAsync(0.5);
        Assert.That(s.Log, Has.Some.EqualTo($"PUT {Det}/command/trigger {{\"value\":0.5}}"));
        Assert.That(s.Log, Has.Some.EqualTo($"PUT {Det}/config/trigger_mode {{\"value\":\"inte\"}}"));
    }

    [Test]
    public async Task A_400_reply_becomes_an_error_naming_device_url_and_the_detector_message()
    {
        using var s = IdleDetector();
        s.On($"PUT {Det}/config/count_time", 400, """{"error": "count_time -1 s is out of range"}""");
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.ConfigureAsync(new AreaDetectorSettings(0.1)));
        Assert.That(e!.Status, Is.EqualTo(400));
        Assert.That(e.Message, Does.Contain("det1").And.Contain(s.Url + Det + "/config/count_time").And.Contain("out of range"));
    }

    [Test]
    public async Task Detector_error_state_while_waiting_is_reported_with_its_message()
    {
        using var s = IdleDetector();
        s.On($"GET {Det}/status/state", 200, """{"value": "error"}""");
        s.On($"GET {Det}/status/error", 200, """{"value": ["file writer: No space left on device"]}""");
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.That(e!.Message, Does.Contain("No space left on device").And.Contain("InitializeAsync"));
    }

    [Test]
    public async Task Wait_times_out_naming_the_states_seen()
    {
        using var s = IdleDetector();
        s.On($"GET {Det}/status/state", 200, """{"value": "acquire"}""");
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<TimeoutException>(() => det.WaitAsync(TimeSpan.FromMilliseconds(100)));
        Assert.That(e!.Message, Does.Contain("det1").And.Contain("'acquire'"));
    }

    [Test]
    public async Task Unreachable_detector_says_where_it_was_looked_for()
    {
        using var closed = Testbed.TestSupport.FreePort.Closed();
        var url = $"http://127.0.0.1:{closed.Port}";
        await using var det = new SimplonDetector(new SimplonDetectorOptions("det9", url, "/mnt"));
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.StateAsync());
        Assert.That(e!.Message, Does.Contain("det9").And.Contain(url));
    }

    [Test]
    public async Task A_detector_that_never_answers_times_out_on_the_drivers_clock()
    {
        // Accepts connections and never replies.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}";
        var clock = new Testbed.TestSupport.ManualClock();
        await using var det = new SimplonDetector(new SimplonDetectorOptions("det1", url, "/mnt") { RequestTimeout = TimeSpan.FromSeconds(5) }, clock);
        var state = det.StateAsync();
        await Testbed.TestSupport.Eventually.ValueAsync(() => clock.PendingDueTimes, d => d.Contains(TimeSpan.FromSeconds(5)), "the request's timeout on the clock");
        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.That(state.IsCompleted, Is.False, "one tick before its timeout the request still waits");
        clock.Advance(TimeSpan.FromTicks(1));
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => state);
        Assert.That(e!.Message, Does.Contain("det1").And.Contain(url).And.Contain("got no reply within 5 s"));
    }

    [Test]
    public async Task Preview_returns_the_monitor_bytes_or_null_when_no_image_yet()
    {
        using var s = IdleDetector();
        s.On("GET /monitor/api/1.8.0/images/monitor", 408, """{"error": "no image acquired yet"}""");
        await using var det = Driver(s);
        Assert.That(await det.PreviewAsync(), Is.Null);
        s.On("GET /monitor/api/1.8.0/images/monitor", 200, "II*\0");
        Assert.That(await det.PreviewAsync(), Is.EqualTo("II*\0"u8.ToArray()));
    }

    [Test]
    public void Tiff_series_map_one_file_per_frame_and_a_short_file_list_is_an_error()
    {
        var tiff = new AreaDetectorSettings(0.1, Images: 2, Format: DetectorFileFormat.Tiff);
        var refs = FrameReferences.Map("d", ["a_1.tif", "a_2.tif"], tiff, "/entry/data/data", "/data");
        Assert.That(refs[1], Is.EqualTo(new FrameReference(1, "/data/a_2.tif", null, null)));
        var e = Assert.Throws<InvalidOperationException>(() => FrameReferences.Map("d", ["a_1.tif"], tiff, "/entry/data/data", "/data"));
        Assert.That(e!.Message, Does.Contain("should give 2 file(s)"));
    }

    [Test]
    public void Options_come_from_the_beamline_entry_with_data_root_relative_to_the_file()
    {
        var beamline = BeamlineConfig.Parse("""
            - class: simplon_detector
              name: det1
              http:
                url: http://127.0.0.1:8081
              data_root: data/det1
            """, "demo.yaml");
        var o = SimplonDetectorOptions.FromConfig(beamline.Controllers[0], "/beamlines");
        Assert.That(o, Is.EqualTo(new SimplonDetectorOptions("det1", "http://127.0.0.1:8081", "/beamlines/data/det1")));
    }
}
