namespace Testbed.Twin.Faults;

/// <summary>Arms, fires and clears faults on the twin's <see cref="TimeProvider"/>: time starts by timers of that clock, event starts
/// when a device reports its n-th event, durations by timers again. Nothing depends on wall time or thread order.</summary>
/// <remarks>
/// An event start fires inside the device's report, before the device acts on the event: a drop armed on the 5th <c>PA=</c> loses
/// that datagram, a disk-full armed on frame 10 fails frame 10. Event counts run from the timeline's start.
/// </remarks>
public sealed class FaultTimeline : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _origin;
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<(string Device, string Event, string? Command), long> _counts = [];
    private int _waiting;

    /// <summary>A timeline whose time 0 is now on <paramref name="clock"/>.</summary>
    public FaultTimeline(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _origin = clock.GetUtcNow();
    }

    /// <summary>Virtual time since the timeline started.</summary>
    public TimeSpan Now => _clock.GetUtcNow() - _origin;

    /// <summary>Every fault armed so far, in the order armed.</summary>
    public IReadOnlyList<FaultRecord> Records
    {
        get { lock (_gate) return [.. _order.Select(n => _entries[n].Record())]; }
    }

    /// <summary>The faults in effect now.</summary>
    public IReadOnlyList<FaultRecord> Active => [.. Records.Where(r => r.State == FaultState.Active)];

    /// <summary>The faults that have fired (active or over), with the time each fired.</summary>
    public IReadOnlyList<FaultRecord> Fired => [.. Records.Where(r => r.FiredAt is not null)];

    /// <summary>Raised after a fault fires or clears (outside no lock the caller holds; on the thread that caused it).</summary>
    public event Action<FaultRecord>? Changed;

    /// <summary>Arms <paramref name="spec"/>; a time start at or before now fires at once.</summary>
    /// <exception cref="ArgumentException">A fault of that name is already armed or active.</exception>
    public FaultRecord Arm(FaultSpec spec, IFaultEffect effect)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(effect);
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(spec.Name, out var old) && old.State != FaultState.Cleared)
                throw new ArgumentException($"a fault named '{spec.Name}' is already {old.State.ToString().ToLowerInvariant()}; clear it first or choose another name");
            _order.Remove(spec.Name);
            _order.Add(spec.Name);
            entry = new Entry(spec, effect);
            _entries[spec.Name] = entry;
            Recount();
            if (spec.Start.At is { } at)
            {
                var wait = at - Now;
                if (wait <= TimeSpan.Zero) FireLocked(entry);
                else entry.Timer = _clock.CreateTimer(_ => Fire(entry), null, wait, Timeout.InfiniteTimeSpan);
            }
        }
        Notify(entry);
        return entry.Record();
    }

    /// <summary>Reports an event of <paramref name="device"/>; fires every armed fault waiting for this occurrence.</summary>
    /// <param name="device">The reporting device (controller name).</param>
    /// <param name="event">A <see cref="FaultEvents"/> name.</param>
    /// <param name="command">For commands: the mnemonic (<c>PA</c>) and whether it was an assignment.</param>
    /// <param name="assignment">True for <c>PA=…</c>.</param>
    public void Observe(string device, string @event, string? command = null, bool assignment = false)
    {
        List<Entry>? fired = null;
        lock (_gate)
        {
            // Every occurrence counts, waited for or not, so "the 5th PA=" means the same whenever the fault was armed.
            var plain = Count(device, @event, command);
            var assigned = assignment ? Count(device, @event, command + "=") : 0;
            if (_waiting > 0)
                foreach (var e in _entries.Values)
                {
                    var s = e.Spec.Start;
                    if (e.State != FaultState.Armed || s.At is not null || s.Device != device || s.Event != @event) continue;
                    var count = s.Command == command ? plain : assignment && s.Command == command + "=" ? assigned : 0;
                    if (count != s.Count) continue;
                    (fired ??= []).Add(e);
                }
            foreach (var e in fired ?? []) FireLocked(e);
        }
        foreach (var e in fired ?? []) Notify(e);
    }

    /// <summary>Reports one event of <paramref name="device"/> known by several names (a SCPI query <c>READ?</c> is also a <c>READ</c>):
    /// each name is counted, and every armed fault waiting for one of them at that count fires.</summary>
    public void ObserveAs(string device, string @event, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        List<Entry>? fired = null;
        lock (_gate)
        {
            var counts = new long[names.Count];
            for (var i = 0; i < names.Count; i++) counts[i] = Count(device, @event, names[i]);
            if (_waiting > 0)
                foreach (var e in _entries.Values)
                {
                    var s = e.Spec.Start;
                    if (e.State != FaultState.Armed || s.At is not null || s.Device != device || s.Event != @event) continue;
                    for (var i = 0; i < names.Count; i++)
                        if (s.Command == names[i] && counts[i] == s.Count) { (fired ??= []).Add(e); break; }
                }
            foreach (var e in fired ?? []) FireLocked(e);
        }
        foreach (var e in fired ?? []) Notify(e);
    }

    /// <summary>Clears the fault called <paramref name="name"/> (its effect is removed; an armed one never fires). False when none is armed or active.</summary>
    public bool Clear(string name)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out entry) || entry.State == FaultState.Cleared) return false;
            ClearLocked(entry);
        }
        Notify(entry);
        return true;
    }

    /// <summary>Clears every armed or active fault.</summary>
    public void ClearAll()
    {
        foreach (var r in Records.Where(r => r.State != FaultState.Cleared)) Clear(r.Name);
    }

    public void Dispose()
    {
        lock (_gate)
            foreach (var e in _entries.Values)
                e.Timer?.Dispose();
    }

    // Event faults still waiting: when none is, a report only counts (the receive loop's common case).
    private void Recount() => _waiting = _entries.Values.Count(e => e.State == FaultState.Armed && e.Spec.Start.At is null);

    private long Count(string device, string @event, string? command)
    {
        var key = (device, @event, command);
        var count = _counts.GetValueOrDefault(key) + 1;
        _counts[key] = count;
        return count;
    }

    private void Fire(Entry entry)
    {
        lock (_gate)
        {
            if (entry.State != FaultState.Armed || !ReferenceEquals(_entries[entry.Spec.Name], entry)) return;
            FireLocked(entry);
        }
        Notify(entry);
    }

    private void FireLocked(Entry entry)
    {
        entry.Timer?.Dispose();
        entry.Timer = null;
        entry.FiredAt = Now;
        entry.State = FaultState.Active;
        Recount();
        entry.Effect.Apply();
        if (entry.Spec.Duration is { } d)
            entry.Timer = _clock.CreateTimer(_ => Expire(entry), null, d, Timeout.InfiniteTimeSpan);
    }

    private void Expire(Entry entry)
    {
        lock (_gate)
        {
            if (entry.State != FaultState.Active) return;
            entry.RanOut = true;
            ClearLocked(entry);
        }
        Notify(entry);
    }

    private void ClearLocked(Entry entry)
    {
        entry.Timer?.Dispose();
        entry.Timer = null;
        if (entry.State == FaultState.Active) entry.Effect.Remove();
        entry.State = FaultState.Cleared;
        entry.ClearedAt = Now;
        Recount();
    }

    private void Notify(Entry entry) => Changed?.Invoke(entry.Record());

    private sealed class Entry(FaultSpec spec, IFaultEffect effect)
    {
        public FaultSpec Spec { get; } = spec;
        public IFaultEffect Effect { get; } = effect;
        public FaultState State { get; set; }
        public TimeSpan? FiredAt { get; set; }
        public TimeSpan? ClearedAt { get; set; }
        public ITimer? Timer { get; set; }
        public bool RanOut { get; set; }

        public FaultRecord Record() => new(Spec, State, FiredAt, ClearedAt, RanOut);
    }
}
