namespace Testbed.Drivers.Comm;

/// <summary>A byte line to a serial device: a local tty, a raw TCP socket, or an RFC 2217 terminal-server port.</summary>
public interface ISerialLine : IAsyncDisposable
{
    /// <summary>The URL or path this line was opened with.</summary>
    string Address { get; }

    bool IsOpen { get; }

    Task OpenAsync(CancellationToken cancellationToken);

    Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="eol"/> (dropped from the result); <see cref="SerialLineTimeoutException"/> after <paramref name="timeout"/>.</summary>
    Task<byte[]> ReadLineAsync(ReadOnlyMemory<byte> eol, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Drops bytes already received but not read (stale or garbled replies).</summary>
    Task DiscardInputAsync(CancellationToken cancellationToken);

    /// <summary>The last bytes received (up to 64), for error messages.</summary>
    byte[] RecentBytes { get; }

    /// <summary>Bytes received since the line was created (discarded ones included): tells what came after a given moment.</summary>
    long ReceivedCount { get; }

    Task CloseAsync();
}

/// <summary>The line failed or was closed by the other side.</summary>
public class SerialLineException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>No complete line arrived in time.</summary>
public sealed class SerialLineTimeoutException(string message) : SerialLineException(message);
