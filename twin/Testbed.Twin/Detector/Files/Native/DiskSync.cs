using System.Runtime.InteropServices;

namespace Testbed.Twin.Detector.Files.Native;

/// <summary>fsync of a file by path, without the advisory lock .NET's FileStream takes.</summary>
/// <remarks>libhdf5 opens files without O_CLOEXEC: a child process started meanwhile (a test's h5py, any tool) inherits the descriptor
/// and its lock, so an exclusive FileStream open of the just-closed file can fail for as long as that child runs.</remarks>
internal static partial class DiskSync
{
    private const int ReadOnly = 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Writes what the OS holds of <paramref name="path"/> to the disk; an IOException names the file and the errno.</summary>
    public static void File(string path)
    {
        var fd = Open(path, ReadOnly);
        if (fd < 0) throw new IOException($"cannot open {path} to flush it to the disk (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"flushing {path} to the disk failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally { Close(fd); }
    }
}
