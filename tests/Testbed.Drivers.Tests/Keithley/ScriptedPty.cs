using System.Runtime.InteropServices;
using System.Text;

namespace Testbed.Drivers.Tests.Keithley;

/// <summary>A scripted instrument on the master side of a real Linux pty; the driver opens <see cref="SlavePath"/>.</summary>
internal sealed class ScriptedPty : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _master;

    public ScriptedPty(Script script)
    {
        Responder = new ScriptedResponder(script);
        _master = posix_openpt(0x2 | 0x100);
        if (_master < 0 || grantpt(_master) < 0 || unlockpt(_master) < 0) throw new IOException("cannot create a pty");
        var name = new byte[128];
        ptsname_r(_master, name, (nuint)name.Length);
        SlavePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        var termios = new byte[128];
        tcgetattr(_master, termios);
        cfmakeraw(termios);
        tcsetattr(_master, 0, termios);
        _thread = new Thread(Run) { IsBackground = true };
        _thread.Start();
    }

    public string SlavePath { get; }

    public ScriptedResponder Responder { get; }

    /// <summary>Closes the master under the client (the device disappears).</summary>
    public void CloseMaster()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        var fd = Interlocked.Exchange(ref _master, -1);
        if (fd >= 0) close(fd);
    }

    public void Dispose() => CloseMaster();

    private void Run()
    {
        var buffer = new byte[4096];
        var fds = new PollFd[1];
        while (!_stop)
        {
            fds[0] = new PollFd { Fd = _master, Events = 1 };
            if (poll(fds, 1, 20) <= 0 || (fds[0].Revents & 1) == 0)
            {
                // POLLHUP returns at once while no client holds the slave: back off instead of spinning. Pacing only;
                // no assertion depends on it.
                if ((fds[0].Revents & 0x10) != 0) Thread.Sleep(10);
                continue;
            }
            var n = read(_master, ref buffer[0], (nuint)buffer.Length);
            if (n <= 0) continue;
            var reply = Responder.Feed(buffer.AsSpan(0, (int)n));
            if (reply.Length > 0) write(_master, ref reply[0], (nuint)reply.Length);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)] private static extern int posix_openpt(int flags);
    [DllImport("libc", SetLastError = true)] private static extern int grantpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int unlockpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int ptsname_r(int fd, [Out] byte[] buffer, nuint length);
    [DllImport("libc", SetLastError = true)] private static extern int tcgetattr(int fd, [In, Out] byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int tcsetattr(int fd, int actions, [In] byte[] termios);
    [DllImport("libc")] private static extern void cfmakeraw([In, Out] byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);
    [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, ref byte buffer, nuint count);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, ref byte buffer, nuint count);
}
