using Testbed.TestSupport;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>Disk full and read-only data roots: the detector goes to error with a clear message and announces no partial file.</summary>
[NonParallelizable]
public class DiskFailureTests
{
    private const string Det = "/detector/api/1.8.0";

    [Test]
    public async Task Disk_full_puts_the_detector_in_error_and_announces_no_file()
    {
        using var mount = SmallTmpfs.Mount("size=1m");
        await using var rig = await SimplonRig.StartAsync(mount.Path, width: 512, height: 512);
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Det + "/config/nimages", """{"value": 4}""");
        Assert.That((await rig.PutAsync(Det + "/command/arm")).Status, Is.EqualTo(200));
        await rig.PutAsync(Det + "/command/trigger");
        await Eventually.ValueAsync(() => rig.Twin.Model.State, s => s == DetectorState.Error, "the detector in the error state");
        var error = (await rig.GetAsync(Det + "/status/error")).Json.GetProperty("value")[0].GetString();
        TestContext.Out.WriteLine(error);
        Assert.That(error, Does.Contain("No space left"));
        Assert.That((await rig.GetAsync("/filewriter/api/1.8.0/status/files")).Json.GetProperty("value").GetArrayLength(), Is.Zero);
        Assert.That(Directory.GetFiles(mount.Path), Is.Empty, "the partial file is deleted");
        Assert.That((await rig.GetAsync("/filewriter/api/1.8.0/status/state")).Json.GetProperty("value").GetString(), Is.EqualTo("error"));
    }

    [Test]
    public async Task Read_only_data_root_refuses_arm_with_the_reason()
    {
        using var mount = SmallTmpfs.Mount("size=1m,ro");
        await using var rig = await SimplonRig.StartAsync(mount.Path);
        await rig.PutAsync(Det + "/command/initialize");
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("Read-only").Or.Contain("read-only"));
        Assert.That(await rig.StateAsync(), Is.EqualTo("error"));
        Assert.That(Directory.GetFiles(mount.Path), Is.Empty);
    }

    [Test]
    public async Task Data_root_under_a_regular_file_is_an_error_not_a_crash()
    {
        using var temp = new TempDirectory("enotdir");
        File.WriteAllText(temp.File("plain"), "x");
        await using var rig = await SimplonRig.StartAsync(Path.Combine(temp.Path, "plain"));
        await rig.PutAsync(Det + "/command/initialize");
        var (status, json) = await rig.PutAsync(Det + "/command/arm");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("arm failed"));
        Assert.That(await rig.StateAsync(), Is.EqualTo("error"));
    }
}

/// <summary>A private tmpfs (needs root and mount permission; skips the test otherwise).</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs Mount(string options)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"testbed-tmpfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        var (code, _, err) = ExternalTool.Run("mount", ["-t", "tmpfs", "-o", options, "tmpfs", path], TimeSpan.FromSeconds(10));
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Ignore($"cannot mount a small tmpfs ({err.Trim()}); run the tests as root with mount permission to check disk-full handling");
        }
        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        ExternalTool.Run("umount", ["-l", Path], TimeSpan.FromSeconds(10));
        try { Directory.Delete(Path); }
        catch (IOException) { }
    }
}
