using System.Diagnostics;
using Testbed.TestSupport;
using Testbed.Writer.Hdf5;

namespace Testbed.Writer.Tests.Hdf5;

/// <summary>A scan file closed by the writer can be opened by h5py at once, even while a child process started during the writing still runs.</summary>
/// <remarks>Alone: a child another test starts during this test's H5Fcreate (before its descriptor is marked) would inherit the
/// descriptor in that window and hold the lock, which is the narrow race <c>CloseOnExec</c> leaves, not what this test checks.</remarks>
public sealed class InheritedDescriptorTests
{
    [Test]
    [NonParallelizable]
    public void A_child_started_while_the_file_was_open_does_not_keep_it_locked()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        using var dir = new TempDirectory("inherit");
        var path = dir.File("scan.h5");
        Process child;
        using (Hdf5File.Create(path))
        {
            // Any child started now (redis-server for a parallel scenario, a tool, another test's h5py) would inherit libhdf5's
            // descriptor and its lock unless the descriptor is close-on-exec.
            child = Process.Start(new ProcessStartInfo("sleep", "20") { UseShellExecute = false })!;
        }
        try
        {
            var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", "import sys, h5py; h5py.File(sys.argv[1], 'r'); print('opened')", path], TimeSpan.FromSeconds(30));
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout.Trim(), Is.EqualTo("opened"));
            var fds = Directory.GetFiles($"/proc/{child.Id}/fd").Select(f => { try { return new FileInfo(f).LinkTarget; } catch (IOException) { return null; } });
            Assert.That(fds, Has.None.EqualTo(path), "the child holds no descriptor of the file");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
            child.Dispose();
        }
    }
}
