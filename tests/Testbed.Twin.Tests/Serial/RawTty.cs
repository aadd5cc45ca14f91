using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Testbed.Twin.Tests.Serial;

/// <summary>A test client that opens a tty path with plain open(2) (no termios changes) and moves raw bytes with poll timeouts.</summary>
internal sealed class RawTty : IDisposable
{
    private const int O_RDWR = 0x2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800;
    private const short POLLIN = 1;
    private const nuint FIONREAD = 0x541B;
    private readonly List<byte> _buffer = [];
    private int _fd;

    private RawTty(int fd) => _fd = fd;

    public static RawTty Open(string path)
    {
        var fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
        if (fd < 0) throw new IOException($"open {path}: errno {Marshal.GetLastPInvokeError()}");
        return new RawTty(fd);
    }

    public void Write(string text) => Write(Encoding.Latin1.GetBytes(text));

    public void Write(byte[] bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var n = write(_fd, ref bytes[offset], (nuint)(bytes.Length - offset));
            if (n <= 0) throw new IOException($"write: errno {Marshal.GetLastPInvokeError()}");
            offset += (int)n;
        }
    }

    /// <summary>Reads until <paramref name="terminator"/> has arrived or the timeout passes (real I/O); returns everything read.</summary>
    public byte[] ReadUntil(byte terminator, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (!_buffer.Contains(terminator))
        {
            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) break;
            _buffer.AddRange(ReadSome(left));
        }
        var at = _buffer.IndexOf(terminator);
        var count = at < 0 ? _buffer.Count : at + 1;
        var line = _buffer.GetRange(0, count).ToArray();
        _buffer.RemoveRange(0, count);
        return line;
    }

    /// <summary>Bytes that have arrived and are not read yet (FIONREAD), without waiting.</summary>
    public int Available
    {
        get
        {
            if (ioctl(_fd, FIONREAD, out var n) < 0) throw new IOException($"ioctl FIONREAD: errno {Marshal.GetLastPInvokeError()}");
            return n + _buffer.Count;
        }
    }

    public string ReadLine(TimeSpan? timeout = null) => Encoding.Latin1.GetString(ReadUntil((byte)'\n', timeout ?? TimeSpan.FromSeconds(5)));

    /// <summary>Local-mode and output-mode flags of the tty as found (c_lflag, c_oflag).</summary>
    public (uint LocalFlags, uint OutputFlags, uint InputFlags) Flags()
    {
        var termios = new byte[128];
        if (tcgetattr(_fd, termios) < 0) throw new IOException("tcgetattr failed");
        return (BitConverter.ToUInt32(termios, 12), BitConverter.ToUInt32(termios, 4), BitConverter.ToUInt32(termios, 0));
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) close(fd);
    }

    private byte[] ReadSome(TimeSpan timeout)
    {
        var fds = new[] { new PollFd { Fd = _fd, Events = POLLIN } };
        if (poll(fds, 1, Math.Max(1, (int)timeout.TotalMilliseconds)) <= 0) return [];
        var buffer = new byte[4096];
        var n = read(_fd, ref buffer[0], (nuint)buffer.Length);
        return n > 0 ? buffer[..(int)n] : [];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref byte buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, ref byte buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out int count);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, [In, Out] byte[] termios);
}
