using Testbed.TestSupport;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>filewriter over REST: temp names until complete (C2 4, 16), directories (C2 2), listing/serving/deleting files (C2 21).</summary>
public class FileWriterRestTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    [Test]
    public async Task An_open_file_carries_the_temp_suffix_and_is_not_listed_until_closed()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Det + "/config/nimages", """{"value": 100000}""");
        await rig.PutAsync(Det + "/config/count_time", """{"value": 1.0}""");
        await rig.PutAsync(Fw + "/config/nimages_per_file", """{"value": 0}""");
        await rig.PutAsync(Fw + "/config/temp_suffix", """{"value": ".part"}""");
        await rig.PutAsync(Det + "/command/arm");
        var trigger = rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.ArrayCounter, n => n >= 2, "two frames acquired");
        Assert.That(Directory.GetFiles(rig.Temp!.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "series_1_000001.h5.part" }));
        Assert.That((await rig.GetAsync(Fw + "/status/files")).Json.GetProperty("value").GetArrayLength(), Is.Zero);
        Assert.That((await rig.GetAsync(Fw + "/status/state")).Json.GetProperty("value").GetString(), Is.EqualTo("acquire"));
        await rig.PutAsync(Det + "/command/disarm");
        await trigger;
        Assert.That(Directory.GetFiles(rig.Temp.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "series_1_000001.h5" }));
        Assert.That((await rig.GetAsync(Fw + "/status/files")).Json.GetProperty("value")[0].GetString(), Is.EqualTo("series_1_000001.h5"));
    }

    [Test]
    public async Task File_path_is_created_on_arm_unless_create_directories_is_off()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Fw + "/config/file_path", """{"value": "scan1/det"}""");
        Assert.That((await rig.GetAsync(Fw + "/status/file_path_exists")).Json.GetProperty("value").GetBoolean(), Is.False);
        await rig.PutAsync(Det + "/command/arm");
        Assert.That((await rig.GetAsync(Fw + "/status/file_path_exists")).Json.GetProperty("value").GetBoolean(), Is.True);
        Assert.That(Directory.Exists(Path.Combine(rig.Temp!.Path, "scan1", "det")), Is.True);
        await rig.PutAsync(Det + "/command/disarm");

        await rig.PutAsync(Fw + "/config/create_directories", """{"value": false}""");
        await rig.PutAsync(Fw + "/config/file_path", """{"value": "scan2"}""");
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("scan2").And.Contain("does not exist"));
        Assert.That(await rig.StateAsync(), Is.EqualTo("idle"), "a refused setting is not a detector error");
    }

    [Test]
    public async Task Files_are_served_under_data_and_deleted_one_by_one_or_all_by_clear()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Det + "/config/nimages", """{"value": 3}""");
        await rig.PutAsync(Fw + "/config/nimages_per_file", """{"value": 1}""");
        await rig.PutAsync(Det + "/command/arm");
        await rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        var bytes = await rig.Http.GetByteArrayAsync(rig.Base + "/data/series_1_000002.h5");
        Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a }), "HDF5 signature");

        Assert.That((await rig.SendAsync(HttpMethod.Delete, "/data/series_1_000002.h5")).Status, Is.EqualTo(200));
        Assert.That(File.Exists(Path.Combine(rig.Temp!.Path, "series_1_000002.h5")), Is.False);
        var listing = (await rig.GetAsync(Fw + "/files/")).Json.EnumerateArray().Select(e => e.GetString());
        Assert.That(listing, Is.EqualTo(new[] { "series_1_000001.h5", "series_1_000003.h5" }));

        await rig.PutAsync(Fw + "/command/clear");
        Assert.That((await rig.GetAsync(Fw + "/files/")).Json.GetArrayLength(), Is.Zero);
        Assert.That(Directory.GetFiles(rig.Temp.Path), Is.Empty);
    }

    [Test]
    public async Task Single_mode_and_tiff_format_are_selectable_over_rest()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Det + "/config/nimages", """{"value": 2}""");
        Assert.That((await rig.PutAsync(Fw + "/config/file_write_mode", """{"value": "single"}""")).Status, Is.EqualTo(200));
        await rig.PutAsync(Det + "/command/arm");
        await rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        var (h5, _) = H5Py.Read(rig.Twin.Writer.Files[0].Path);
        Assert.That(h5.Dataset("/entry/data/data").GetProperty("shape").Ints(), Is.EqualTo(new[] { 16, 32 }));

        await rig.PutAsync(Fw + "/config/file_format", """{"value": "tiff"}""");
        Assert.That((await rig.GetAsync(Fw + "/config/file_template")).Json.GetProperty("value").GetString(), Is.EqualTo("%s%s_%06d.tif"));
        await rig.PutAsync(Det + "/command/arm");
        await rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        Assert.That(rig.Twin.Writer.Files.Select(f => f.RelativePath).TakeLast(2), Is.EqualTo(new[] { "series_2_000003.tif", "series_2_000004.tif" }));
        Assert.That((await rig.PutAsync(Fw + "/config/file_write_mode", """{"value": "burst"}""")).Status, Is.EqualTo(400));
    }
}
