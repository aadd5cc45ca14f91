using System.Text;
using Testbed.Twin.Serial.Native;

namespace Testbed.Twin.Serial;

/// <summary>The master side of a Linux pseudo-terminal pair, with the slave in raw mode before any client opens it.</summary>
public sealed class PseudoTerminal : IDisposable
{
    private int _master;

    private PseudoTerminal(int master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
    }

    /// <summary>The slave device a client opens, e.g. <c>/dev/pts/7</c> (changes every run).</summary>
    public string SlavePath { get; }

    internal int MasterFd => _master;

    /// <summary>Opens a pair; <paramref name="slaveMode"/> (e.g. 0666) lets clients of other users open the slave.</summary>
    public static PseudoTerminal Open(uint? slaveMode = null)
    {
        var fd = Libc.Check(Libc.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY), "posix_openpt");
        try
        {
            Libc.Check(Libc.grantpt(fd), "grantpt");
            Libc.Check(Libc.unlockpt(fd), "unlockpt");
            var name = new byte[256];
            Libc.Check(Libc.ptsname_r(fd, name, (nuint)name.Length), "ptsname_r");
            var slave = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            // termios set through the master act on the slave: no echo, no ICRNL/ONLCR translation, no canonical mode.
            var termios = new byte[Libc.TermiosSize];
            Libc.Check(Libc.tcgetattr(fd, termios), "tcgetattr");
            Libc.cfmakeraw(termios);
            Libc.Check(Libc.tcsetattr(fd, Libc.TCSANOW, termios), "tcsetattr");
            var flags = Libc.Check(Libc.fcntl(fd, Libc.F_GETFL, 0), "fcntl(F_GETFL)");
            Libc.Check(Libc.fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK), "fcntl(F_SETFL)");
            if (slaveMode is { } mode) Libc.Check(Libc.chmod(slave, mode), $"chmod {slave}");
            // A master whose slave was never opened does not report POLLHUP; one open/close puts it in the
            // "no client" state that connection detection relies on.
            Libc.close(Libc.Check(Libc.open(slave, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK), $"open {slave}"));
            return new PseudoTerminal(fd, slave);
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>Discards everything queued in both directions, including bytes written for a client that left before reading them.</summary>
    public void FlushQueues()
    {
        Libc.tcflush(_master, Libc.TCIOFLUSH);
        // Bytes the master wrote wait in the slave's input queue; only a flush on the slave side drops them.
        var slave = Libc.open(SlavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK);
        if (slave < 0) return;
        Libc.tcflush(slave, Libc.TCIOFLUSH);
        Libc.close(slave);
    }

    /// <summary>The baud rate the client set on the slave (termios is shared by both sides), or 0 when unknown.</summary>
    public int ClientBaudRate()
    {
        var termios = new byte[Libc.TermiosSize];
        return Libc.tcgetattr(_master, termios) < 0 ? 0 : Libc.BaudOf(Libc.cfgetospeed(termios));
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for bytes from the client; 0 when none came (or no client holds the slave).</summary>
    public int Read(Span<byte> buffer, int timeoutMs)
    {
        var fd = new[] { new Libc.PollFd { Fd = _master, Events = Libc.POLLIN } };
        if (Libc.poll(fd, 1, timeoutMs) <= 0 || (fd[0].Revents & Libc.POLLIN) == 0) return 0;
        var n = Libc.read(_master, ref buffer[0], (nuint)buffer.Length);
        return n > 0 ? (int)n : 0;
    }

    /// <summary>Writes all of <paramref name="data"/> to the client, waiting for room if needed.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var fd = new Libc.PollFd[1];
        while (data.Length > 0)
        {
            var n = Libc.write(_master, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(data), (nuint)data.Length);
            if (n > 0)
            {
                data = data[(int)n..];
                continue;
            }
            if (n < 0 && Libc.Errno is not (Libc.EAGAIN or Libc.EINTR)) throw new IOException($"write to {SlavePath} failed (errno {Libc.Errno})");
            fd[0] = new Libc.PollFd { Fd = _master, Events = Libc.POLLOUT };
            Libc.poll(fd, 1, 100);
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _master, -1);
        if (fd >= 0) Libc.close(fd);
    }
}
