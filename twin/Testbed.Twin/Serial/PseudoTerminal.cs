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

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _master, -1);
        if (fd >= 0) Libc.close(fd);
    }
}
