using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;

namespace Testbed.Drivers.Tests.Detector;

/// <summary>Fixed file names: the lima-style template computed before arm, the keys sent, and what a detector without them says.</summary>
public class FileNamingTests
{
    private const string Fw = "/filewriter/api/1.8.0";

    private static AreaDetectorSettings Fixed(string template, string name = "det1", string path = "scan0003") =>
        new(0.1, FilePath: path, NamePattern: name, FileTemplate: template, FileNumber: 1);

    [TestCase("%s%s_%04d.h5", "/data/det1/scan0003/det1_%04d.h5")]
    [TestCase("%s%s_%3.3d.h5", "/data/det1/scan0003/det1_%03d.h5")]
    [TestCase("%s%s_%d.h5", "/data/det1/scan0003/det1_%d.h5")]
    [TestCase("%s%s_%6d.h5", "/data/det1/scan0003/det1_%6d.h5")]
    [TestCase("%s/%s-%05u.hdf", "/data/det1/scan0003/det1-%05d.hdf")]
    public void Template_has_the_absolute_directory_the_name_and_one_number_placeholder(string template, string expected) =>
        Assert.That(FileNaming.PercentTemplate("/data/det1", Fixed(template)), Is.EqualTo(expected));

    [Test]
    public void File_path_empty_means_the_data_root_itself() =>
        Assert.That(FileNaming.PercentTemplate("/data/det1", Fixed("%s%s_%04d.h5", path: "")), Is.EqualTo("/data/det1/det1_%04d.h5"));

    [TestCase("%s%s.h5", "has 2 conversion(s)", TestName = "no number")]
    [TestCase("%s%s_%04d_%d.h5", "cannot be announced", TestName = "two numbers")]
    [TestCase("%s%s_%-4d.h5", "cannot be announced", TestName = "left-aligned number")]
    [TestCase("%s%s_%04d%%.h5", "cannot be announced", TestName = "literal percent")]
    [TestCase("%10s%s_%04d.h5", "cannot be announced", TestName = "padded directory")]
    public void Templates_a_reader_cannot_resolve_are_refused_with_the_reason(string template, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => FileNaming.PercentTemplate("/data", Fixed(template)));
        Assert.That(e!.Message, Does.Contain(template).And.Contain(reason));
    }

    [Test]
    public void Names_with_the_sequence_id_or_without_a_first_number_are_not_known_in_advance()
    {
        Assert.That(() => FileNaming.PercentTemplate("/data", Fixed("%s%s_%04d.h5", name: "series_$id")), Throws.ArgumentException.With.Message.Contains("$id"));
        Assert.That(() => FileNaming.PercentTemplate("/data", new AreaDetectorSettings(0.1, NamePattern: "det1", FileTemplate: "%s%s_%04d.h5")),
            Throws.ArgumentException.With.Message.Contains("FileNumber"));
    }

    [Test]
    public async Task Configure_sends_template_number_and_auto_increment()
    {
        using var s = Idle();
        foreach (var key in new[] { "file_template", "file_number", "auto_increment" }) s.On($"PUT {Fw}/config/{key}", 200, $"""["{key}"]""");
        await using var det = Driver(s);
        await det.ConfigureAsync(Fixed("%s%s_%04d.h5") with { FileNumber = 7 });
        Assert.That(s.Log, Is.SupersetOf(new[]
        {
            $"PUT {Fw}/config/file_template {{\"value\":\"%s%s_%04d.h5\"}}",
            $"PUT {Fw}/config/file_number {{\"value\":7}}",
            $"PUT {Fw}/config/auto_increment {{\"value\":true}}",
        }));
    }

    [Test]
    public async Task A_detector_without_the_naming_keys_says_fixed_names_are_impossible()
    {
        using var s = Idle();
        s.On($"PUT {Fw}/config/file_template", 404, """{"error": "no such key"}""");
        await using var det = Driver(s);
        var e = Assert.ThrowsAsync<SimplonRequestException>(() => det.ConfigureAsync(Fixed("%s%s_%04d.h5")));
        Assert.That(e!.Message, Does.Contain("det1").And.Contain("file_template").And.Contain("cannot be given fixed file names"));
    }

    private static ScriptedSimplonServer Idle()
    {
        var s = new ScriptedSimplonServer();
        s.On("GET /detector/api/1.8.0/status/state", 200, """{"value": "idle"}""");
        foreach (var key in new[] { "trigger_mode", "count_time", "nimages", "ntrigger" })
            s.On($"PUT /detector/api/1.8.0/config/{key}", 200, $"""["{key}"]""");
        foreach (var key in new[] { "mode", "name_pattern", "nimages_per_file", "file_path", "file_format", "file_write_mode" })
            s.On($"PUT {Fw}/config/{key}", 200, $"""["{key}"]""");
        s.On("PUT /monitor/api/1.8.0/config/mode", 200, """["mode"]""");
        s.On($"GET {Fw}/config/data_path", 200, """{"value": "/entry/data/data"}""");
        return s;
    }

    private static SimplonDetector Driver(ScriptedSimplonServer s) =>
        new(new SimplonDetectorOptions("det1", s.Url, "/mnt/det1") { RequestTimeout = TimeSpan.FromSeconds(5) });
}
