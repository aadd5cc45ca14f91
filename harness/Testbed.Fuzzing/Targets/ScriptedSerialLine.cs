using Testbed.Drivers.Comm;

namespace Testbed.Fuzzing.Targets;

/// <summary>A serial line whose instrument answers each write with the next arrival of a script; an unanswered read times out.</summary>
/// <remarks>Arrivals are shared by every line the driver opens (it reopens a failed line), as one instrument is.</remarks>
internal sealed class ScriptedSerialLine(Queue<byte[]> arrivals) : ISerialLine
{
    private readonly List<byte> _pending = [];

    public string Address => "fuzz://keithley";

    public bool IsOpen { get; private set; }

    public byte[] RecentBytes => [.. _pending.TakeLast(64)];

    public long ReceivedCount { get; private set; }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        IsOpen = true;
        return Task.CompletedTask;
    }

    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsOpen) throw new SerialLineException("the line is closed");
        if (arrivals.TryDequeue(out var reply))
        {
            _pending.AddRange(reply);
            ReceivedCount += reply.Length;
        }
        return Task.CompletedTask;
    }

    public Task<byte[]> ReadLineAsync(ReadOnlyMemory<byte> eol, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var at = IndexOf(eol.Span);
        if (at < 0) throw new SerialLineTimeoutException($"no complete reply within {timeout.TotalSeconds:0.###} s");
        var line = _pending.GetRange(0, at).ToArray();
        _pending.RemoveRange(0, at + eol.Length);
        return Task.FromResult(line);
    }

    public Task DiscardInputAsync(CancellationToken cancellationToken)
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    public Task CloseAsync()
    {
        IsOpen = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        IsOpen = false;
        return ValueTask.CompletedTask;
    }

    private int IndexOf(ReadOnlySpan<byte> eol)
    {
        for (var i = 0; i + eol.Length <= _pending.Count; i++)
        {
            var match = true;
            for (var k = 0; k < eol.Length && match; k++) match = _pending[i + k] == eol[k];
            if (match) return i;
        }
        return -1;
    }
}
