using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Twin.Serial.Native;

namespace Testbed.Twin.Serial;

/// <summary>Serves a device on a pseudo-terminal whose slave is published under a stable symlink (e.g. <c>run/keithley1</c>).</summary>
/// <remarks>
/// A client that opens the link sees a serial line. While no client holds the slave the master reports
/// POLLHUP/EIO: that is "no client", not an error; the session is dropped, nothing is written, and queued bytes
/// are flushed, so the next client never sees replies meant for the previous one.
/// </remarks>
public sealed class PtySerialPort : IAsyncDisposable
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(20);
    private readonly ISerialDevice _device;
    private readonly TimeProvider _clock;
    private readonly bool _pacing;
    private readonly LineNoise? _noise;
    private readonly uint? _slaveMode;
    private readonly ILogger _logger;
    private readonly int[] _stopPipe = [-1, -1];
    private PseudoTerminal? _pty;
    private Thread? _thread;
    private volatile bool _connected;
    private int _checkedBaud;
    private volatile bool _stopping;

    /// <summary>Slave permissions unless told otherwise: 0666, so a client running as another user can open the line.</summary>
    public const uint DefaultSlaveMode = 0x1B6;

    public PtySerialPort(ISerialDevice device, string linkPath, TimeProvider clock, bool pacing = false, LineNoise? noise = null,
        uint? slaveMode = DefaultSlaveMode, ILogger? logger = null)
    {
        _device = device;
        LinkPath = Path.GetFullPath(linkPath);
        _clock = clock;
        _pacing = pacing;
        _noise = noise;
        _slaveMode = slaveMode;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The stable path clients open (a symlink to <see cref="SlavePath"/>).</summary>
    public string LinkPath { get; }

    public string SlavePath => _pty?.SlavePath ?? throw new InvalidOperationException("the pty is not started");

    /// <summary>True while a client holds the slave open.</summary>
    public bool IsConnected => _connected;

    /// <summary>How many client connections have been seen.</summary>
    public int Connections { get; private set; }

    public void Start()
    {
        if (_pty is not null) throw new InvalidOperationException("already started");
        var dir = Path.GetDirectoryName(LinkPath);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var existing = new FileInfo(LinkPath);
        if (existing.Exists || existing.LinkTarget is not null)
        {
            if (existing.LinkTarget is null)
                throw new IOException($"cannot publish the pty at {LinkPath}: a file that is not a symlink is there (regular file or device); remove it or choose another serial url");
            existing.Delete();
        }
        _pty = PseudoTerminal.Open(_slaveMode);
        File.CreateSymbolicLink(LinkPath, _pty.SlavePath);
        Libc.Check(Libc.pipe(_stopPipe), "pipe");
        _thread = new Thread(Run) { IsBackground = true, Name = $"pty {Path.GetFileName(LinkPath)}" };
        _thread.Start();
    }

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        if (_stopPipe[1] >= 0)
        {
            var one = (byte)1;
            Libc.write(_stopPipe[1], ref one, 1);
        }
        _thread?.Join(TimeSpan.FromSeconds(5));
        foreach (var fd in _stopPipe)
            if (fd >= 0) Libc.close(fd);
        _stopPipe[0] = _stopPipe[1] = -1;
        var slave = _pty?.SlavePath;
        _pty?.Dispose();
        _pty = null;
        var link = new FileInfo(LinkPath);
        if (link.LinkTarget is not null && link.LinkTarget == slave) link.Delete();
        return ValueTask.CompletedTask;
    }

    private void Run()
    {
        var pty = _pty!;
        var buffer = new byte[4096];
        SessionPump? pump = null;
        var fds = new Libc.PollFd[2];
        try
        {
            while (!_stopping)
            {
                fds[0] = new Libc.PollFd { Fd = pty.MasterFd, Events = Libc.POLLIN };
                fds[1] = new Libc.PollFd { Fd = _stopPipe[0], Events = Libc.POLLIN };
                var n = Libc.poll(fds, 2, pump is null ? 0 : -1);
                if (n < 0 && Libc.Errno == Libc.EINTR) continue;
                if ((fds[1].Revents & Libc.POLLIN) != 0) break;
                var hangup = (fds[0].Revents & (Libc.POLLHUP | Libc.POLLERR)) != 0;
                var readable = (fds[0].Revents & Libc.POLLIN) != 0;
                if (pump is null)
                {
                    // POLLHUP without a pump: still no client. No event at all: a client holds the slave but is quiet.
                    if (hangup)
                    {
                        WaitIdle();
                        continue;
                    }
                    pump = Connect(pty);
                }
                if (readable)
                {
                    var count = Libc.read(pty.MasterFd, ref buffer[0], (nuint)buffer.Length);
                    if (count > 0)
                    {
                        CheckBaud(pty);
                        pump.Receive(buffer.AsSpan(0, (int)count));
                        continue;
                    }
                    if (count < 0 && Libc.Errno == Libc.EAGAIN) continue;
                    hangup = true;
                }
                if (hangup)
                {
                    Disconnect(pty, pump);
                    pump = null;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _logger.LogError(e, "pty {Link}: stopped after an error", LinkPath);
        }
        finally
        {
            pump?.Dispose();
            _connected = false;
        }
    }

    // Real I/O wait on the stop pipe, so idle polling for a client costs nothing and stop is immediate.
    private void WaitIdle()
    {
        var fd = new[] { new Libc.PollFd { Fd = _stopPipe[0], Events = Libc.POLLIN } };
        Libc.poll(fd, 1, (int)IdlePoll.TotalMilliseconds);
    }

    // A pty has no timing, but the termios the client set is visible here: a real line at another baud would be garbage.
    private void CheckBaud(PseudoTerminal pty)
    {
        var baud = pty.ClientBaudRate();
        if (baud == 0 || baud == _checkedBaud) return;
        _checkedBaud = baud;
        if (baud != _device.Line.BaudRate)
            _logger.LogWarning("pty {Link}: client set baud rate {Client} but the instrument uses {Instrument}; a real line would deliver garbage",
                LinkPath, baud, _device.Line.BaudRate);
    }

    private SessionPump Connect(PseudoTerminal pty)
    {
        _checkedBaud = 0;
        _connected = true;
        Connections++;
        _logger.LogInformation("pty {Link}: client connected", LinkPath);
        return new SessionPump(_device.OpenSession(), _clock, bytes => Write(pty, bytes), _device.Line, _pacing, _noise);
    }

    private void Disconnect(PseudoTerminal pty, SessionPump pump)
    {
        _connected = false;
        pump.Dispose();
        pty.FlushQueues();
        _logger.LogInformation("pty {Link}: client closed the line", LinkPath);
    }

    private void Write(PseudoTerminal pty, byte[] bytes)
    {
        var offset = 0;
        var fd = new Libc.PollFd[1];
        while (offset < bytes.Length && _connected && !_stopping)
        {
            var n = Libc.write(pty.MasterFd, ref bytes[offset], (nuint)(bytes.Length - offset));
            if (n > 0)
            {
                offset += (int)n;
                continue;
            }
            if (n < 0 && Libc.Errno is not (Libc.EAGAIN or Libc.EINTR)) return;
            // The client does not read: wait for room, but give up rather than block the twin forever.
            fd[0] = new Libc.PollFd { Fd = pty.MasterFd, Events = Libc.POLLOUT };
            if (Libc.poll(fd, 1, 1000) <= 0)
            {
                _logger.LogWarning("pty {Link}: client does not read; {Count} bytes dropped", LinkPath, bytes.Length - offset);
                return;
            }
        }
    }
}
