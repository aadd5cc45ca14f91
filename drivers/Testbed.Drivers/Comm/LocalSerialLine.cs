using System.IO.Ports;

namespace Testbed.Drivers.Comm;

/// <summary>A local tty (real port or pty) through System.IO.Ports; modem lines are never touched, so ptys work.</summary>
/// <remarks>Reads are synchronous with a timeout of at least 30 ms (the Unix implementation's granularity) on a worker thread.</remarks>
public sealed class LocalSerialLine(string path, SerialLineOptions options, TimeProvider? time = null) : BufferedSerialLine(path, time)
{
    private SerialPort? _port;

    public override bool IsOpen => _port is { IsOpen: true };

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        var port = new SerialPort(Address, options.BaudRate, options.Parity switch { 'E' => Parity.Even, 'O' => Parity.Odd, _ => Parity.None },
            options.DataBits, options.StopBits == 2 ? StopBits.Two : StopBits.One)
        {
            Handshake = options.XonXoff ? Handshake.XOnXOff : Handshake.None,
            ReadTimeout = 100,
            WriteTimeout = 2000,
        };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new SerialLineException($"cannot open serial port {Address}: {e.Message}", e);
        }
        _port = port;
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var port = Port();
        try
        {
            port.Write(data.ToArray(), 0, data.Length);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException or TimeoutException)
        {
            throw new SerialLineException($"write to {Address} failed: {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    public override Task CloseAsync()
    {
        var port = Interlocked.Exchange(ref _port, null);
        if (port is null) return Task.CompletedTask;
        try { port.Close(); }
        catch (IOException) { }
        port.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<int> ReadSomeAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = Port();
        return Task.Run(() =>
        {
            try
            {
                port.ReadTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 30, 60_000);
                var array = new byte[buffer.Length];
                var n = port.Read(array, 0, array.Length);
                array.AsSpan(0, n).CopyTo(buffer.Span);
                return n;
            }
            catch (TimeoutException)
            {
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                throw new SerialLineException($"serial port {Address} closed or failed: {e.Message}", e);
            }
        }, cancellationToken);
    }

    protected override Task DiscardPendingAsync(CancellationToken cancellationToken)
    {
        try { Port().DiscardInBuffer(); }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw new SerialLineException($"serial port {Address} closed or failed: {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    private SerialPort Port() =>
        _port is { IsOpen: true } p ? p : throw new SerialLineException($"serial port {Address} is not open");
}
