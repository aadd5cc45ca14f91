using Testbed.Blissdata.Files;
using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Files;

public class AreaDetectorFileTests
{
    [Test]
    public void AreaDetector_file_opens_in_h5py_with_the_NDFileHDF5_layout()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        using var dir = new TempDirectory("adfile");
        var file = dir.File("frames_0000.h5");
        var frames = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 12).Select(p => (ushort)(1000 * i + p)).ToArray()).ToList();
        AreaDetectorFile.Write(file, 3, 4, frames);
        var script = """
            import sys, h5py
            f = h5py.File(sys.argv[1], "r")
            d = f["/entry/data/data"]
            print(d.shape, d.dtype, d.chunks, int(d[2, 1, 3]), f["/entry"].attrs["NX_class"], f["/entry/instrument/detector/data"].shape)
            """;
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", script, file], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("(3, 3, 4) uint16 (1, 3, 4) 2007 NXentry (3, 3, 4)"));
        Assert.That(File.Exists(file + ".part"), Is.False);
    }
}
