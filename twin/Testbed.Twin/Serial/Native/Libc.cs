using System.Runtime.InteropServices;

namespace Testbed.Twin.Serial.Native;

/// <summary>The few Linux libc calls a pseudo-terminal needs (posix_openpt family, termios, poll, read/write).</summary>
internal static class Libc
{
    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;
    public const int O_NONBLOCK = 0x800;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EAGAIN = 11;
    public const int TCSANOW = 0;
    public const int TCIOFLUSH = 2;

    /// <summary>Large enough for glibc's struct termios (60 bytes on Linux).</summary>
    public const int TermiosSize = 128;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int ptsname_r(int fd, [Out] byte[] buffer, nuint length);

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int tcgetattr(int fd, [In, Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    public static extern int tcsetattr(int fd, int actions, [In] byte[] termios);

    [DllImport("libc")]
    public static extern void cfmakeraw([In, Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    public static extern int tcflush(int fd, int queue);

    [DllImport("libc")]
    public static extern uint cfgetospeed([In] byte[] termios);

    /// <summary>Baud rate of a termios speed code (B300 … B115200), or 0 when unknown.</summary>
    public static int BaudOf(uint code) => code switch
    {
        7 => 300, 8 => 600, 9 => 1200, 11 => 2400, 12 => 4800, 13 => 9600, 14 => 19200, 15 => 38400,
        0x1001 => 57600, 0x1002 => 115200, _ => 0,
    };

    [DllImport("libc", SetLastError = true)]
    public static extern int fcntl(int fd, int command, int argument);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, ref byte buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, ref byte buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int pipe([Out] int[] fds);

    [DllImport("libc", SetLastError = true)]
    public static extern int chmod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    public static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>Throws an <see cref="IOException"/> naming the call and errno when <paramref name="result"/> is negative.</summary>
    public static int Check(int result, string call)
    {
        if (result < 0) throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(Errno)} (errno {Errno})");
        return result;
    }
}
