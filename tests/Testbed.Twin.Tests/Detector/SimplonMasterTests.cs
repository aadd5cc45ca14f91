using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files;

namespace Testbed.Twin.Tests.Detector;

/// <summary>SIMPLON master files read back by h5py and h5dump: external links and image numbers (C2 19), metadata (C2 20).</summary>
public class SimplonMasterTests
{
    private const string Det = "/detector/api/1.8.0";

    private static byte[] ExpectedPixels(SimplonRig rig, int frames) =>
        [.. Enumerable.Range(0, frames).SelectMany(n => rig.Twin.Model.Synthesizer.Make(n, n + 1, 0.01, rig.Clock.GetUtcNow()).Bytes.ToArray())];

    [Test]
    public async Task Master_external_links_lead_h5py_to_every_data_file_with_contiguous_image_numbers_and_the_model_frames()
    {
        await using var rig = await SimplonFileNameTests.SimplonAsync(perFile: 2);
        await SimplonFileNameTests.RunAsync(rig, nimages: 5);
        var (h5, pixels) = SimplonH5.ReadMaster(Path.Combine(rig.Temp!.Path, "series_1_master.h5"));

        var links = h5.GetProperty("links");
        Assert.That(links.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "data_000001", "data_000002", "data_000003" }));
        int[][] ranges = [[1, 2], [3, 4], [5, 5]];
        for (var i = 0; i < 3; i++)
        {
            var link = links.GetProperty(SimplonMasterFile.LinkName(i + 1));
            Assert.Multiple(() =>
            {
                Assert.That(link.GetProperty("kind").GetString(), Is.EqualTo("ExternalLink"));
                Assert.That(link.GetProperty("file").GetString(), Is.EqualTo($"series_1_data_{i + 1:D6}.h5"), "a name relative to the master's folder");
                Assert.That(link.GetProperty("path").GetString(), Is.EqualTo("/entry/data/data"));
                Assert.That(link.GetProperty("shape").Ints(), Is.EqualTo(new[] { ranges[i][1] - ranges[i][0] + 1, 16, 32 }));
                Assert.That(link.GetProperty("dtype").GetString(), Is.EqualTo("<u2"));
                Assert.That(new[] { link.GetProperty("low").GetInt32(), link.GetProperty("high").GetInt32() }, Is.EqualTo(ranges[i]), "1-based, contiguous");
            });
        }
        Assert.That(h5.GetProperty("groups").GetProperty("/entry/data").GetProperty("NX_class").GetString(), Is.EqualTo("NXdata"));
        Assert.That(pixels, Is.EqualTo(ExpectedPixels(rig, 5)), "the frames behind the links are the model's frames 0..4 for this seed");
    }

    [Test]
    public async Task Nimages_per_file_0_puts_all_frames_inside_the_master()
    {
        await using var rig = await SimplonFileNameTests.SimplonAsync(perFile: 0);
        await SimplonFileNameTests.RunAsync(rig, nimages: 3);
        Assert.That(await SimplonFileNameTests.ListAsync(rig), Is.EqualTo(new[] { "series_1_master.h5" }));
        var (h5, pixels) = SimplonH5.ReadMaster(Path.Combine(rig.Temp!.Path, "series_1_master.h5"));
        var data = h5.GetProperty("links").GetProperty("data_000001");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("kind").GetString(), Is.EqualTo("HardLink"), "a data set in the master, not a link");
            Assert.That(data.GetProperty("shape").Ints(), Is.EqualTo(new[] { 3, 16, 32 }));
            Assert.That(new[] { data.GetProperty("low").GetInt32(), data.GetProperty("high").GetInt32() }, Is.EqualTo(new[] { 1, 3 }));
            Assert.That(h5.GetProperty("detector").GetProperty("count_time").GetProperty("value").GetDouble(), Is.EqualTo(0.01));
        });
        Assert.That(pixels, Is.EqualTo(ExpectedPixels(rig, 3)));
    }

    [Test]
    public async Task H5dump_shows_the_external_links_and_reads_the_linked_data_from_another_directory()
    {
        var h5dump = ExternalTool.Require("h5dump", "hdf5-tools");
        await using var rig = await SimplonFileNameTests.SimplonAsync(perFile: 1);
        await rig.PutAsync("/filewriter/api/1.8.0/config/image_nr_start", """{"value": 10}""");
        await SimplonFileNameTests.RunAsync(rig, nimages: 2);
        var master = Path.Combine(rig.Temp!.Path, "series_1_master.h5");
        var (code, header, err) = ExternalTool.Run(h5dump, ["-H", "-g", "/entry/data", master], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, err);
        Assert.That(header, Does.Contain("EXTERNAL_LINK \"data_000002\"").And.Contain("TARGETFILE \"series_1_data_000002.h5\"").And.Contain("TARGETPATH \"/entry/data/data\""));
        var (code2, attr, err2) = ExternalTool.Run(h5dump, ["-a", "/entry/data/data_000002/image_nr_low", master], TimeSpan.FromSeconds(30));
        Assert.That(code2, Is.Zero, "h5dump follows the link: " + err2);
        Assert.That(attr, Does.Contain("(0): 11"), "image_nr_start 10 → second file starts at image 11");
    }

    [Test]
    public async Task Master_metadata_equals_the_rest_configuration_at_arm()
    {
        await using var rig = await SimplonFileNameTests.SimplonAsync(perFile: 10);
        await rig.PutAsync(Det + "/config/count_time", """{"value": 0.02}""");
        await rig.PutAsync(Det + "/config/beam_center_x", """{"value": 12.5}""");
        await rig.PutAsync(Det + "/config/beam_center_y", """{"value": 7.25}""");
        await rig.PutAsync(Det + "/config/detector_distance", """{"value": 0.35}""");
        await SimplonFileNameTests.RunAsync(rig, nimages: 2);
        var rest = new Dictionary<string, JsonElement>();
        string[] keys = ["count_time", "frame_time", "bit_depth_image", "beam_center_x", "beam_center_y", "detector_distance", "x_pixel_size",
            "y_pixel_size", "sensor_material", "sensor_thickness", "description", "detector_number", "countrate_correction_count_cutoff"];
        foreach (var k in keys) rest[k] = (await rig.GetAsync(Det + "/config/" + k)).Json;
        await rig.PutAsync(Det + "/config/beam_center_x", """{"value": 99}""");
        await SimplonFileNameTests.RunAsync(rig, nimages: 1);

        var (h5, _) = SimplonH5.ReadMaster(Path.Combine(rig.Temp!.Path, "series_1_master.h5"));
        var det = h5.GetProperty("detector");
        Assert.Multiple(() =>
        {
            foreach (var k in keys[..^1])
            {
                var value = rest[k].GetProperty("value");
                var stored = det.GetProperty(k);
                if (value.ValueKind == JsonValueKind.String) Assert.That(stored.GetProperty("value").GetString(), Is.EqualTo(value.GetString()), k);
                else Assert.That(stored.GetProperty("value").GetDouble(), Is.EqualTo(value.GetDouble()), k);
                if (rest[k].TryGetProperty("unit", out var unit) && unit.GetString() != "counts")
                    Assert.That(stored.GetProperty("units").GetString(), Is.EqualTo(unit.GetString()), k + " units");
            }
            Assert.That(h5.GetProperty("specific").GetProperty("countrate_correction_count_cutoff").GetInt64(),
                Is.EqualTo(rest["countrate_correction_count_cutoff"].GetProperty("value").GetInt64()));
            Assert.That(h5.GetProperty("specific").GetProperty("nimages").GetInt32(), Is.EqualTo(2));
            Assert.That(det.GetProperty("count_time").GetProperty("value").GetDouble(), Is.EqualTo(0.02));
            Assert.That(det.GetProperty("beam_center_x").GetProperty("value").GetDouble(), Is.EqualTo(12.5));
            Assert.That(h5.GetProperty("groups").GetProperty("/entry/instrument/detector").GetProperty("NX_class").GetString(), Is.EqualTo("NXdetector"));
        });
        var (second, _) = SimplonH5.ReadMaster(Path.Combine(rig.Temp.Path, "series_2_master.h5"));
        Assert.That(second.GetProperty("detector").GetProperty("beam_center_x").GetProperty("value").GetDouble(), Is.EqualTo(99), "each master records its own arm");
    }
}
