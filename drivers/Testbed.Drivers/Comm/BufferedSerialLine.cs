namespace Testbed.Drivers.Comm;

/// <summary>Line assembly, discard and the recent-bytes record shared by every line kind; subclasses only move bytes.</summary>
/// <remarks>Reply timeouts are measured on <see cref="Time"/> (the system clock unless a test or a scenario gives another).</remarks>
public abstract class BufferedSerialLine(string address, TimeProvider? time = null) : ISerialLine
{
    private const int RecentCapacity = 64;
    private readonly List<byte> _pending = new(256);
    private readonly Queue<byte> _recent = new(RecentCapacity);
    private readonly byte[] _chunk = new byte[4096];

    public string Address { get; } = address;

    /// <summary>The clock that timeouts are measured on.</summary>
    protected TimeProvider Time { get; } = time ?? TimeProvider.System;

    public abstract bool IsOpen { get; }

    private long _received;

    public byte[] RecentBytes
    {
        get { lock (_recent) return _recent.ToArray(); }
    }

    public long ReceivedCount
    {
        get { lock (_recent) return _received; }
    }

    public abstract Task OpenAsync(CancellationToken cancellationToken);

    public abstract Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    public abstract Task CloseAsync();

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        GC.SuppressFinalize(this);
    }

    public async Task<byte[]> ReadLineAsync(ReadOnlyMemory<byte> eol, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        while (true)
        {
            var at = IndexOf(eol.Span);
            if (at >= 0)
            {
                var line = _pending.GetRange(0, at).ToArray();
                _pending.RemoveRange(0, at + eol.Length);
                return line;
            }
            var remaining = timeout - Time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                throw new SerialLineTimeoutException($"no complete reply within {timeout.TotalSeconds:0.###} s" +
                                                     (_pending.Count > 0 ? $" ({_pending.Count} bytes without a line terminator)" : ""));
            var n = await ReadSomeAsync(_chunk, remaining, cancellationToken);
            if (n > 0) Received(_chunk.AsSpan(0, n));
        }
    }

    public async Task DiscardInputAsync(CancellationToken cancellationToken)
    {
        _pending.Clear();
        await DiscardPendingAsync(cancellationToken);
    }

    /// <summary>Reads what arrives within <paramref name="timeout"/>: returns 0 on timeout, throws <see cref="SerialLineException"/> when the line is gone.</summary>
    protected abstract Task<int> ReadSomeAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Drops whatever the transport already holds, without waiting for more.</summary>
    protected abstract Task DiscardPendingAsync(CancellationToken cancellationToken);

    private void Received(ReadOnlySpan<byte> data)
    {
        foreach (var b in data) _pending.Add(b);
        lock (_recent)
        {
            _received += data.Length;
            foreach (var b in data)
            {
                if (_recent.Count == RecentCapacity) _recent.Dequeue();
                _recent.Enqueue(b);
            }
        }
    }

    private int IndexOf(ReadOnlySpan<byte> eol)
    {
        for (var i = 0; i + eol.Length <= _pending.Count; i++)
        {
            var match = true;
            for (var j = 0; j < eol.Length && match; j++) match = _pending[i + j] == eol[j];
            if (match) return i;
        }
        return -1;
    }
}
