using System.Runtime.InteropServices;

namespace Testbed.Writer.Hdf5;

/// <summary>Marks the descriptor libhdf5 opened for a file close-on-exec.</summary>
/// <remarks>libhdf5 opens files without O_CLOEXEC: every child process started while the file is open (redis-server for a parallel
/// scenario, a tool, a test's h5py) would inherit the descriptor and its lock and keep them for its whole life, so a reader (h5py) of the
/// finished file finds it "unable to lock" long after it was closed here. Best effort: a file whose handle cannot be read keeps the old
/// behaviour, and a child another thread starts while libhdf5 is still inside H5Fcreate/H5Fopen (before the mark) still inherits it:
/// libhdf5 offers no way to open with O_CLOEXEC.</remarks>
internal static partial class CloseOnExec
{
    private const int GetFlags = 1;
    private const int SetFlags = 2;
    private const int CloseOnExecFlag = 1;

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);

    /// <summary>Sets FD_CLOEXEC on the (sec2 driver's) descriptor of the open file <paramref name="file"/>; returns the file.</summary>
    public static long Apply(long file)
    {
        if (H5Api.H5Fget_vfd_handle(file, H5Api.H5P_DEFAULT, out var handle) < 0 || handle == 0) return file;
        var fd = Marshal.ReadInt32(handle);
        var flags = Fcntl(fd, GetFlags, 0);
        if (flags >= 0) _ = Fcntl(fd, SetFlags, flags | CloseOnExecFlag);
        return file;
    }
}
