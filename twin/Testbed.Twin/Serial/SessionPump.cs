namespace Testbed.Twin.Serial;

/// <summary>Moves a session's output onto a wire when it falls due (simulated time), with optional baud pacing, line noise and the
/// link's delay and split faults.</summary>
/// <remarks>Ready output is written on the caller's thread right after input (fast path); later output by a timer of the clock.</remarks>
public sealed class SessionPump : IDisposable
{
    private readonly ISerialSession _session;
    private readonly TimeProvider _clock;
    private readonly Action<byte[]> _write;
    private readonly LineNoise? _noise;
    private readonly double? _secondsPerByte;
    private readonly Queue<(DateTimeOffset Due, byte[] Bytes)> _paced = new();
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private DateTimeOffset _lineFreeAt;
    private bool _closed;
    private bool _armed;

    public SessionPump(ISerialSession session, TimeProvider clock, Action<byte[]> write, SerialLineSettings line, bool pacing = false, LineNoise? noise = null)
    {
        _session = session;
        _clock = clock;
        _write = write;
        _noise = noise;
        _secondsPerByte = pacing ? (double)line.BitsPerCharacter / line.BaudRate : null;
        _timer = clock.CreateTimer(_ => Drain(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ISerialSession Session => _session;

    public void Receive(ReadOnlySpan<byte> data)
    {
        // A dead link (disconnect fault): the instrument hears nothing.
        if (_noise?.Link?.IsDisconnected == true) return;
        _session.Receive(data);
        Drain();
    }

    /// <summary>Writes whatever is due and re-arms the timer for the rest.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            if (_closed) return;
            var bytes = _session.TakeReady(out var next);
            if (bytes.Length > 0) Emit(bytes);
            var pacedNext = FlushPaced();
            var wait = (next, pacedNext) switch
            {
                (null, null) => Timeout.InfiniteTimeSpan,
                ({ } a, null) => a,
                (null, { } b) => b,
                ({ } a, { } b) => a < b ? a : b,
            };
            // Re-arming costs the clock's scheduler a wake-up; skip it when nothing is pending and no timer is armed.
            if (wait == Timeout.InfiniteTimeSpan && !_armed) return;
            _armed = wait != Timeout.InfiniteTimeSpan;
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops writing: output still pending is dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _paced.Clear();
        }
        _timer.Dispose();
    }

    private void Emit(byte[] bytes)
    {
        if (_noise is not null) bytes = _noise.Apply(bytes);
        if (bytes.Length == 0) return;
        // Delay and split faults: the output waits, or goes in pieces, in twin time; anything behind it queues (a byte stream keeps its order).
        var now = _clock.GetUtcNow();
        var link = _noise?.Link;
        var shape = link is { ShapesReplies: true } ? link.ShapeNextReply(bytes.Length) : default;
        link?.ReportShaped(shape);
        if (_secondsPerByte is null && shape.IsPlain && _paced.Count == 0)
        {
            _write(bytes);
            return;
        }
        if (_lineFreeAt < now + shape.Delay) _lineFreeAt = now + shape.Delay;
        var pieces = shape.Pieces(bytes);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0) _lineFreeAt += shape.Gap;
            if (_secondsPerByte is { } perByte) _lineFreeAt += TimeSpan.FromSeconds(perByte * pieces[i].Length);
            _paced.Enqueue((_lineFreeAt, pieces.Count == 1 ? bytes : pieces[i].ToArray()));
        }
    }

    private TimeSpan? FlushPaced()
    {
        var now = _clock.GetUtcNow();
        while (_paced.TryPeek(out var head) && head.Due <= now)
        {
            _paced.Dequeue();
            _write(head.Bytes);
        }
        return _paced.TryPeek(out var next) ? next.Due - now : null;
    }
}
