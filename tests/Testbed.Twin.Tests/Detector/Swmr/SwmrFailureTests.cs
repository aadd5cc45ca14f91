using Testbed.TestSupport;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector.Swmr;

/// <summary>Unwritable locations and a full disk end as an <see cref="IOException"/> naming the libhdf5 call and the cause.</summary>
[NonParallelizable]
public class SwmrFailureTests
{
    [Test]
    public void Read_only_location_fails_with_a_clear_IOException()
    {
        using var mount = SmallTmpfs.Mount("size=1m,ro");
        var path = Path.Combine(mount.Path, "ro.h5");
        var e = Assert.Throws<IOException>(() => SwmrFrameFileTests.CreateOrIgnore(path, PixelType.UInt16, framesPerFlush: 1).Dispose());
        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.Message, Does.Contain("H5Fcreate").And.Contain(path));
        Assert.That(e.Message, Does.Contain("Read-only file system"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void Missing_directory_fails_with_a_clear_IOException()
    {
        using var temp = new TempDirectory("swmr");
        var path = temp.File("no/such/dir/x.h5");
        var e = Assert.Throws<IOException>(() => SwmrFrameFileTests.CreateOrIgnore(path, PixelType.UInt8, framesPerFlush: 1).Dispose());
        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.Message, Does.Contain("H5Fcreate").And.Contain("No such file or directory"));
    }

    [Test]
    public void Full_disk_fails_with_a_clear_IOException_and_later_calls_say_the_file_was_abandoned()
    {
        using var mount = SmallTmpfs.Mount("size=1m");
        var path = Path.Combine(mount.Path, "full.h5");
        using var file = SwmrFrameFileTests.CreateOrIgnore(path, PixelType.UInt16, framesPerFlush: 1, width: 256, height: 256);
        var e = Assert.Throws<IOException>(() =>
        {
            for (var n = 0; n < 20; n++) file.Append(SwmrFrames.Make(n, 256, 256, PixelType.UInt16));
        });
        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.Message, Does.Contain("No space left on device"));
        Assert.That(file.Count, Is.LessThan(20));
        var again = Assert.Throws<IOException>(() => file.Close());
        Assert.That(again!.Message, Does.Contain("abandoned"));
    }
}
