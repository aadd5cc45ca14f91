namespace Testbed.Twin.Scpi;

/// <summary>Commands the instrument refuses for now (an <c>scpi_error</c> fault): each refused unit queues its error, gets no reply
/// and is not executed, as a real instrument does with an execution error.</summary>
/// <remarks>Commands are named by <see cref="ScpiHeaderPattern.ShortForm"/>; a refusal holds a set of them, each either every form
/// (<c>READ</c>) or queries only (<c>CURR:NPLC?</c>). When several hold, the latest added answers.</remarks>
public sealed class ScpiRefusals
{
    private readonly object _gate = new();
    private readonly List<(string Cause, ScpiError Error, IReadOnlyCollection<string> Names)> _held = [];

    /// <summary>True while at least one refusal holds.</summary>
    public bool Any { get { lock (_gate) return _held.Count > 0; } }

    /// <summary>Refuses <paramref name="names"/> (short forms, <c>?</c> = queries only) with <paramref name="error"/>, until <see cref="Remove"/> of <paramref name="cause"/>.</summary>
    public void Add(string cause, ScpiError error, IReadOnlyCollection<string> names)
    {
        lock (_gate) _held.Add((cause, error, names));
    }

    /// <summary>Ends the refusal of <paramref name="cause"/>.</summary>
    public void Remove(string cause)
    {
        lock (_gate) _held.RemoveAll(h => h.Cause == cause);
    }

    /// <summary>The error a unit of command <paramref name="name"/> (short form) is refused with, or null when it may run;
    /// <paramref name="cause"/> names the refusal (the fault), for transcripts.</summary>
    public ScpiError? For(string name, bool query, out string? cause)
    {
        lock (_gate)
        {
            cause = null;
            if (_held.Count == 0) return null;
            for (var i = _held.Count - 1; i >= 0; i--)
                if (_held[i].Names.Contains(name) || (query && _held[i].Names.Contains(name + "?")))
                {
                    cause = _held[i].Cause;
                    return _held[i].Error;
                }
            return null;
        }
    }
}
