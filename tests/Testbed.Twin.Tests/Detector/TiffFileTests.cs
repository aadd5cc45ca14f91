using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>C2 item 17 and items 1, 4: TIFF files (one per frame, AD tags) and file naming, read by an independent TIFF parser.</summary>
public class TiffFileTests
{
    [Test]
    public async Task Tiff_writes_one_file_per_frame_with_areaDetector_tags_and_model_pixels()
    {
        using var rig = new DetectorRig(20, 10);
        rig.Writer.Settings.Format = FileFormat.Tiff;
        rig.Writer.Settings.NamePattern = "img";
        rig.Writer.Settings.Template = FileTemplate.Parse("%s%s_%3.3d.tif");
        rig.Writer.Settings.FileNumber = 7;
        await rig.RunSeriesAsync(nimages: 3);

        Assert.That(rig.Writer.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "img_007.tif", "img_008.tif", "img_009.tif" }));
        Assert.That(rig.Writer.Settings.FileNumber, Is.EqualTo(10), "FileNumber moves on after each name");
        Assert.That(rig.Writer.FullFileName, Is.EqualTo(Path.Combine(rig.Temp.Path, "img_009.tif")));
        var tiff = TiffReader.Parse(File.ReadAllBytes(rig.Writer.Files[1].Path));
        Assert.Multiple(() =>
        {
            Assert.That(tiff.Width, Is.EqualTo(20));
            Assert.That(tiff.Height, Is.EqualTo(10));
            Assert.That(Convert.ToInt32(tiff.Tags[258]), Is.EqualTo(16), "BitsPerSample");
            Assert.That(Convert.ToInt32(tiff.Tags[339]), Is.EqualTo(1), "SampleFormat UINT");
            Assert.That(Convert.ToInt32(tiff.Tags[278]), Is.EqualTo(10), "RowsPerStrip = height");
            Assert.That(tiff.Text(305), Is.EqualTo("EPICS areaDetector"));
            Assert.That(tiff.Text(271), Is.EqualTo("Simulated detector"));
            Assert.That(Convert.ToInt32(tiff.Tags[65001]), Is.EqualTo(2), "NDUniqueId");
            Assert.That(tiff.Tags[65000], Is.TypeOf<double>(), "NDTimeStamp");
            Assert.That(tiff.Tags.ContainsKey(65002) && tiff.Tags.ContainsKey(65003), Is.True, "EPICSTSSec/EPICSTSNsec");
            Assert.That(tiff.Text(65010), Is.EqualTo("ColorMode:0"));
            Assert.That(tiff.Pixels, Is.EqualTo(rig.Expected(1).Bytes.ToArray()));
        });
        Assert.That(Directory.GetFiles(rig.Temp.Path, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task A_name_outside_the_root_at_write_time_is_an_error_state_without_a_file()
    {
        using var rig = new DetectorRig(8, 8);
        // Set directly: the REST layer already refuses such templates; the writer checks again.
        rig.Writer.Settings.Template = FileTemplate.Parse("%s../%s_%d.h5");
        await rig.RunSeriesAsync(nimages: 2);
        Assert.That(rig.Model.State, Is.EqualTo(DetectorState.Error));
        Assert.That(rig.Model.Error, Does.Contain("outside the data root"));
        Assert.That(rig.Writer.Files, Is.Empty);
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(rig.Temp.Path)!, "series_1_*"), Is.Empty);
    }

    [TestCase("%s%s_%3.3d.h5", "/d/", "scan", 5, "/d/scan_005.h5")]
    [TestCase("%s%s_%06d.h5", "/d/", "s", 42, "/d/s_000042.h5")]
    [TestCase("%s%s%d.tif", "/d/", "s", 3, "/d/s3.tif")]
    [TestCase("%s%s_%-4d|.h5", "/d/", "s", 3, "/d/s_3   |.h5")]
    [TestCase("%s%s_%%_%5d.h5", "/d/", "s", 12, "/d/s_%_   12.h5")]
    public void File_template_formats_like_printf(string template, string path, string name, int number, string expected) =>
        Assert.That(FileTemplate.Parse(template).Format(path, name, number), Is.EqualTo(expected));

    [Test]
    public async Task Without_auto_increment_the_number_stays_and_capture_buffers_frames_per_file()
    {
        using var rig = new DetectorRig(8, 8);
        rig.Writer.Settings.WriteMode = FileWriteMode.Capture;
        rig.Writer.Settings.FramesPerFile = 2;
        rig.Writer.Settings.FilePath = "sub/dir";
        await rig.RunSeriesAsync(nimages: 5);
        Assert.That(rig.Writer.Files.Select(f => f.Frames), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(rig.Writer.Files[0].RelativePath, Is.EqualTo("sub/dir/series_1_000001.h5"));
        rig.Writer.Settings.AutoIncrement = false;
        await rig.RunSeriesAsync(nimages: 1);
        await rig.RunSeriesAsync(nimages: 1);
        Assert.That(rig.Writer.Files[^1].RelativePath, Is.EqualTo("sub/dir/series_3_000004.h5"));
        Assert.That(rig.Writer.Files[^2].RelativePath, Is.EqualTo("sub/dir/series_2_000004.h5"));
    }
}
