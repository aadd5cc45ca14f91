using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>SIMPLON REST 1.8.0 subset over real HTTP with literal JSON: B5.1 wire rules, B5.2 state machine, bad input.</summary>
public class SimplonRestTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    [Test]
    public async Task State_machine_na_idle_ready_acquire_idle_with_sequence_ids_and_files()
    {
        await using var rig = await SimplonRig.StartAsync();
        var version = await rig.GetAsync("/detector/api/version");
        Assert.That(version.Json.GetProperty("value").GetString(), Is.EqualTo("1.8.0"));
        Assert.That(await rig.StateAsync(), Is.EqualTo("na"));
        var early = await rig.GetAsync(Det + "/config/count_time");
        Assert.That(early.Status, Is.EqualTo(400), "only the state is readable before initialize");
        Assert.That((await rig.PutAsync(Det + "/command/arm")).Status, Is.EqualTo(400));

        Assert.That((await rig.PutAsync(Det + "/command/initialize")).Status, Is.EqualTo(200));
        Assert.That(await rig.StateAsync(), Is.EqualTo("idle"));

        var changed = await rig.PutAsync(Det + "/config/count_time", """{"value": 0.5}""");
        Assert.That(changed.Status, Is.EqualTo(200));
        Assert.That(changed.Json.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "count_time", "frame_time" }), "frame_time follows count_time + readout");
        var ct = (await rig.GetAsync(Det + "/config/count_time")).Json;
        Assert.That(ct.GetProperty("value").GetDouble(), Is.EqualTo(0.5));
        Assert.That(ct.GetProperty("value_type").GetString(), Is.EqualTo("float"));
        Assert.That(ct.GetProperty("access_mode").GetString(), Is.EqualTo("rw"));
        Assert.That(ct.GetProperty("unit").GetString(), Is.EqualTo("s"));
        var same = await rig.PutAsync(Det + "/config/nimages", """{"value": 3}""");
        Assert.That(same.Json.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "nimages" }));
        var tm = (await rig.GetAsync(Det + "/config/trigger_mode")).Json;
        Assert.That(tm.GetProperty("allowed_values").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "ints", "inte", "exts" }));

        var arm = await rig.PutAsync(Det + "/command/arm");
        Assert.That(arm.Json.GetProperty("sequence id").GetInt32(), Is.EqualTo(1));
        Assert.That(await rig.StateAsync(), Is.EqualTo("ready"));
        Assert.That((await rig.PutAsync(Det + "/config/nimages", """{"value": 4}""")).Status, Is.EqualTo(400), "config is refused while armed");

        Assert.That((await rig.PutAsync(Det + "/command/trigger")).Status, Is.EqualTo(200));
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        Assert.That(await rig.StateAsync(), Is.EqualTo("idle"), "auto-disarm after the series");
        var files = (await rig.GetAsync(Fw + "/status/files")).Json.GetProperty("value");
        Assert.That(files.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "series_1_000001.h5" }));
        var listing = (await rig.GetAsync(Fw + "/files/")).Json;
        Assert.That(listing.EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "series_1_000001.h5" }));
        var (_, h5pixels) = H5Py.Read(Path.Combine(rig.Temp!.Path, "series_1_000001.h5"));
        Assert.That(h5pixels.Length, Is.EqualTo(3 * 32 * 16 * 2));

        Assert.That((await rig.PutAsync(Det + "/command/arm")).Json.GetProperty("sequence id").GetInt32(), Is.EqualTo(2));
        var disarm = await rig.PutAsync(Det + "/command/disarm");
        Assert.That(disarm.Json.GetProperty("sequence id").GetInt32(), Is.EqualTo(2));
        Assert.That(await rig.StateAsync(), Is.EqualTo("idle"));
    }

    [Test]
    public async Task Inte_trigger_values_and_external_trigger_input_make_images()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Det + "/config/trigger_mode", """{"value": "inte"}""");
        await rig.PutAsync(Det + "/config/ntrigger", """{"value": 2}""");
        await rig.PutAsync(Det + "/command/arm");
        Assert.That((await rig.PutAsync(Det + "/command/trigger", """{"value": 0.02}""")).Status, Is.EqualTo(200));
        Assert.That(await rig.StateAsync(), Is.EqualTo("ready"), "one more trigger is due");
        Assert.That(rig.Twin.Model.LatestFrame!.ExposureSeconds, Is.EqualTo(0.02));
        await rig.PutAsync(Det + "/command/trigger", """{"value": 0.03}""");
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        Assert.That(rig.Twin.Model.ArrayCounter, Is.EqualTo(2));

        await rig.PutAsync(Det + "/config/trigger_mode", """{"value": "exts"}""");
        await rig.PutAsync(Det + "/config/ntrigger", """{"value": 1}""");
        await rig.PutAsync(Det + "/config/nimages", """{"value": 4}""");
        Assert.That(await rig.Twin.ExternalTriggerAsync(), Is.False, "a pulse while idle is ignored");
        await rig.PutAsync(Det + "/command/arm");
        Assert.That((await rig.PutAsync(Det + "/command/trigger")).Status, Is.EqualTo(400), "exts does not take the trigger command");
        Assert.That(await rig.Twin.ExternalTriggerAsync(), Is.True);
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        Assert.That(rig.Twin.Model.ArrayCounter, Is.EqualTo(6));
    }

    [Test]
    public async Task Abort_announces_no_file_and_cancel_keeps_exactly_the_frames_taken()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Det + "/config/nimages", """{"value": 100000}""");
        await rig.PutAsync(Det + "/config/count_time", """{"value": 1.0}""");
        await rig.PutAsync(Fw + "/config/nimages_per_file", """{"value": 0}""");
        await rig.PutAsync(Det + "/command/arm");
        var trigger = rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.ArrayCounter, n => n >= 2, "two frames acquired");
        var abort = await rig.PutAsync(Det + "/command/abort");
        Assert.That(abort.Json.GetProperty("sequence id").GetInt32(), Is.EqualTo(1));
        await trigger;
        Assert.That(rig.Twin.Writer.Files, Is.Empty);
        Assert.That(Directory.GetFiles(rig.Temp!.Path), Is.Empty, "the temporary file is removed");

        await rig.PutAsync(Det + "/command/arm");
        var before = rig.Twin.Model.ArrayCounter;
        trigger = rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.ArrayCounter, n => n >= before + 3, "three more frames acquired");
        await rig.PutAsync(Det + "/command/cancel");
        await trigger;
        Assert.That(await rig.StateAsync(), Is.EqualTo("idle"));
        var file = rig.Twin.Writer.Files.Single();
        var (h5, _) = H5Py.Read(file.Path);
        var n = h5.Dataset("/entry/data/data").GetProperty("shape")[0].GetInt32();
        Assert.That(n, Is.EqualTo(file.Frames).And.GreaterThanOrEqualTo(3));
        Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayUniqueId").GetProperty("values").Ints(),
            Is.EqualTo(Enumerable.Range(file.FirstUniqueId, n).ToArray()));
    }

    [TestCase("/config/count_time", """{"value": "fast"}""", "must be a number")]
    [TestCase("/config/count_time", """{"value": -1}""", "out of range")]
    [TestCase("/config/nimages", """{"value": 1.5}""", "integer")]
    [TestCase("/config/trigger_mode", """{"value": "exte"}""", "allowed values")]
    [TestCase("/config/count_time", """{"val": 1}""", "lacks \"value\"")]
    [TestCase("/config/count_time", """not json""", "not valid JSON")]
    [TestCase("/config/x_pixels_in_detector", """{"value": 10}""", "read-only")]
    public async Task Invalid_detector_config_is_400_with_a_json_error(string resource, string body, string message)
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        var (status, json) = await rig.PutAsync(Det + resource, body);
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain(message));
    }

    [TestCase("/config/file_path", """{"value": "../outside"}""", "'..'")]
    [TestCase("/config/file_path", """{"value": "a/../../b"}""", "'..'")]
    [TestCase("/config/file_path", """{"value": "/etc"}""", "absolute")]
    [TestCase("/config/name_pattern", """{"value": "../x_$id"}""", "plain file name")]
    [TestCase("/config/name_pattern", """{"value": ".."}""", "'..'")]
    [TestCase("/config/file_template", """{"value": "%d%s%s.h5"}""", "arguments are")]
    public async Task File_names_outside_the_data_root_are_refused(string resource, string body, string message)
    {
        await using var rig = await SimplonRig.StartAsync();
        var (status, json) = await rig.PutAsync(Fw + resource, body);
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain(message));
    }

    [TestCase("/tmp/%s%s_%d.h5")]
    [TestCase("%s../%s_%d.h5")]
    [TestCase("%.3s%s_%d.h5")]
    public async Task A_template_that_builds_names_outside_the_root_is_refused(string template)
    {
        await using var rig = await SimplonRig.StartAsync();
        var (status, json) = await rig.PutAsync(Fw + "/config/file_template", $$"""{"value": "{{template}}"}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("outside the data root"));
    }

    [TestCase("/detector/api/1.8.0/config/no_such_key")]
    [TestCase("/detector/api/1.8.0/status/no_such_key")]
    [TestCase("/detector/api/1.8.0/command/selfdestruct")]
    [TestCase("/detector/api/1.6.0/config/count_time")]
    [TestCase("/nosuchmodule/api/1.8.0/config/x")]
    [TestCase("/detector/api/1.8.0/nosuchtask/x")]
    [TestCase("/data/no_such_file.h5")]
    public async Task Unknown_resources_are_404_with_a_json_error(string path)
    {
        await using var rig = await SimplonRig.StartAsync();
        var (status, json) = path.Contains("/command/") ? await rig.PutAsync(path) : await rig.GetAsync(path);
        Assert.That(status, Is.EqualTo(404));
        Assert.That(json.GetProperty("error").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Monitor_serves_the_newest_image_as_tiff_once_enabled()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        Assert.That((await rig.GetAsync("/monitor/api/1.8.0/images/monitor")).Status, Is.EqualTo(400), "disabled by default");
        await rig.PutAsync("/monitor/api/1.8.0/config/mode", """{"value": "enabled"}""");
        Assert.That((await rig.GetAsync("/monitor/api/1.8.0/images/monitor")).Status, Is.EqualTo(408), "no image yet");
        await rig.PutAsync(Det + "/command/arm");
        await rig.PutAsync(Det + "/command/trigger");
        var bytes = await rig.Http.GetByteArrayAsync(rig.Base + "/monitor/api/1.8.0/images/monitor");
        Assert.That(bytes[..4], Is.EqualTo(new byte[] { (byte)'I', (byte)'I', 42, 0 }));
        var tiff = TiffReader.Parse(bytes);
        Assert.That(tiff.Width, Is.EqualTo(32));
        Assert.That(tiff.Pixels, Is.EqualTo(rig.Twin.Model.LatestFrame!.Bytes.ToArray()));
    }
}
