namespace Testbed.Twin.Scpi;

/// <summary>The instrument's SCPI error queue: FIFO, read and cleared by <c>SYST:ERR?</c>, cleared by <c>*CLS</c>.</summary>
/// <remarks>Like IEEE 488.2 instruments, a full queue replaces its newest entry with −350 "Queue overflow".</remarks>
public sealed class ScpiErrorQueue(int capacity = 10)
{
    private readonly LinkedList<ScpiError> _errors = new();
    private readonly object _gate = new();

    public int Capacity { get; } = capacity;

    public int Count { get { lock (_gate) return _errors.Count; } }

    public void Add(ScpiError error)
    {
        lock (_gate)
        {
            if (_errors.Count < Capacity) { _errors.AddLast(error); return; }
            if (_errors.Last!.Value.Code != ScpiError.QueueOverflow.Code) _errors.Last.Value = ScpiError.QueueOverflow;
        }
    }

    /// <summary>Removes and returns the oldest error, or <see cref="ScpiError.None"/>.</summary>
    public ScpiError Next()
    {
        lock (_gate)
        {
            if (_errors.First is not { } first) return ScpiError.None;
            _errors.RemoveFirst();
            return first.Value;
        }
    }

    /// <summary>Removes and returns all errors, oldest first.</summary>
    public IReadOnlyList<ScpiError> TakeAll()
    {
        lock (_gate)
        {
            var all = _errors.ToList();
            _errors.Clear();
            return all;
        }
    }

    public IReadOnlyList<ScpiError> Peek() { lock (_gate) return _errors.ToList(); }

    public void Clear() { lock (_gate) _errors.Clear(); }
}
