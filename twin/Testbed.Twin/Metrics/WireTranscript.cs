using System.Globalization;
using System.Text;

namespace Testbed.Twin.Metrics;

/// <summary>The last exchanges one served endpoint saw on its wire (request, reply or why there was none, twin time), for failure reports.</summary>
/// <remarks>
/// A fixed ring under a lock. Recording bytes copies at most <see cref="MaxShown"/> of each side into a slot the ring reuses, so a
/// datagram costs a copy and no allocation; escaping into text waits until someone reads (<see cref="Snapshot"/>, <see cref="Format"/>).
/// Times are the endpoint's clock — the simulation clock — counted from <see cref="Begin"/> (when serving began).
/// </remarks>
public sealed class WireTranscript
{
    /// <summary>Exchanges kept unless told otherwise.</summary>
    public const int DefaultCapacity = 64;

    /// <summary>Bytes (or characters) of a request or reply kept; the rest is shown as its length only.</summary>
    public const int MaxShown = 200;

    private readonly object _gate = new();
    private Slot?[] _slots;
    private int _next;
    private int _count;
    private long _recorded;
    private DateTimeOffset _began;

    /// <param name="clock">The endpoint's clock (the simulation clock): the time of each exchange.</param>
    /// <param name="capacity">How many exchanges are kept (the newest).</param>
    public WireTranscript(TimeProvider clock, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        _slots = new Slot?[CheckCapacity(capacity)];
        _began = clock.GetUtcNow();
    }

    /// <summary>The clock exchanges are timed by.</summary>
    public TimeProvider Clock { get; }

    /// <summary>When serving began (time zero of <see cref="WireExchange.Elapsed"/>), on <see cref="Clock"/>.</summary>
    public DateTimeOffset Began { get { lock (_gate) return _began; } }

    /// <summary>How many exchanges are kept; changing it keeps the newest ones that fit.</summary>
    public int Capacity
    {
        get { lock (_gate) return _slots.Length; }
        set
        {
            CheckCapacity(value);
            lock (_gate)
            {
                var kept = Ordered().TakeLast(value).ToArray();
                _slots = new Slot?[value];
                kept.CopyTo(_slots, 0);
                _count = kept.Length;
                _next = kept.Length % value;
            }
        }
    }

    /// <summary>Exchanges recorded since <see cref="Begin"/>, including those the ring no longer holds.</summary>
    public long Recorded { get { lock (_gate) return _recorded; } }

    /// <summary>Marks the start of serving: time zero is now, and earlier entries are forgotten.</summary>
    public void Begin()
    {
        var now = Clock.GetUtcNow();
        lock (_gate)
        {
            _began = now;
            _count = 0;
            _next = 0;
            _recorded = 0;
        }
    }

    /// <summary>The clock's time, for an exchange recorded later than it arrived (<c>at:</c>). A clock that fails gives
    /// <see cref="Began"/> rather than throw: a transcript must never stop the endpoint it watches.</summary>
    public DateTimeOffset Now()
    {
        try { return Clock.GetUtcNow(); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or ArithmeticException) { return Began; }
    }

    /// <summary>Records one exchange of raw bytes; an empty <paramref name="reply"/> is no reply.</summary>
    /// <param name="request">What arrived (only the first <see cref="MaxShown"/> bytes are kept).</param>
    /// <param name="reply">What the twin sent back, as it left (garbled bytes included).</param>
    /// <param name="outcome">What became of the request.</param>
    /// <param name="note">Why, in a few words (e.g. "dropped by fault 'drop-1'"), or null.</param>
    /// <param name="at">When it arrived (default: now on <see cref="Clock"/>).</param>
    public void Record(ReadOnlySpan<byte> request, ReadOnlySpan<byte> reply, WireOutcome outcome = WireOutcome.Answered, string? note = null, DateTimeOffset? at = null)
    {
        var time = at ?? Now();
        lock (_gate)
        {
            var slot = Take(time, outcome, note);
            slot.Request.Set(request);
            slot.Reply.Set(reply);
        }
    }

    /// <summary>Records one exchange of text (a command line, an HTTP summary); a null or empty <paramref name="reply"/> is no reply.</summary>
    public void Record(string request, string? reply, WireOutcome outcome = WireOutcome.Answered, string? note = null, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var time = at ?? Now();
        lock (_gate)
        {
            var slot = Take(time, outcome, note);
            slot.Request.Set(request);
            slot.Reply.Set(reply ?? "");
        }
    }

    /// <summary>The exchanges kept, oldest first (by arrival; a delayed reply is recorded late but sorts by its request).</summary>
    public IReadOnlyList<WireExchange> Snapshot()
    {
        lock (_gate)
        {
            return [.. Ordered().Select(s => s.ToExchange(_began)).OrderBy(e => e.Time)];
        }
    }

    /// <summary>The exchanges kept as report lines, e.g. <c>  12.345 s  PX\r  →  PX\r12345;</c>, oldest first, with a first line
    /// saying how many earlier ones were not kept.</summary>
    public string Format()
    {
        long recorded;
        IReadOnlyList<WireExchange> entries;
        lock (_gate)
        {
            recorded = _recorded;
            entries = Snapshot();
        }
        if (entries.Count == 0) return "  (no exchanges)";
        var text = new StringBuilder();
        if (recorded > entries.Count)
            text.Append(CultureInfo.InvariantCulture, $"  (… {recorded - entries.Count} earlier exchange(s) not kept)").Append('\n');
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0) text.Append('\n');
            text.Append(entries[i].Format());
        }
        return text.ToString();
    }

    /// <summary>Bytes as printable text: CR, LF, backslash and other control or non-ASCII bytes escaped (<c>\r</c>, <c>\x1B</c>);
    /// beyond <paramref name="max"/> bytes only the length is shown.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes, int max = MaxShown)
    {
        var text = new StringBuilder(Math.Min(bytes.Length, max) + 8);
        foreach (var b in bytes[..Math.Min(bytes.Length, max)]) AppendEscaped(text, b);
        if (bytes.Length > max) text.Append(CultureInfo.InvariantCulture, $"… ({bytes.Length} bytes)");
        return text.ToString();
    }

    /// <summary>Text as printable text, escaped as <see cref="Escape(ReadOnlySpan{byte}, int)"/> (text decoded as Latin-1 shows its bytes);
    /// characters above U+00FF stay as they are unless invisible (controls, separators, format characters: <c>\u2028</c>).</summary>
    public static string Escape(string text, int max = MaxShown)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, max))) AppendEscaped(output, c);
        if (text.Length > max) output.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        return output.ToString();
    }

    private static void AppendEscaped(StringBuilder text, int c)
    {
        switch (c)
        {
            case '\r': text.Append("\\r"); break;
            case '\n': text.Append("\\n"); break;
            case '\\': text.Append("\\\\"); break;
            case >= 0x20 and < 0x7F: text.Append((char)c); break;
            case <= 0xFF: text.Append(CultureInfo.InvariantCulture, $"\\x{c:X2}"); break;
            case var _ when Invisible((char)c): text.Append(CultureInfo.InvariantCulture, $"\\u{c:X4}"); break;
            default: text.Append((char)c); break;
        }
    }

    private static bool Invisible(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;

    /// <summary>Adds <paramref name="note"/> to the newest exchange (what became of its reply after it was recorded, e.g. a delay a
    /// byte-stream link put on it); nothing when none is kept.</summary>
    public void NoteNewest(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        lock (_gate)
        {
            if (_count == 0) return;
            var slot = _slots[(_next - 1 + _slots.Length) % _slots.Length]!;
            slot.Note = slot.Note is null ? note : $"{slot.Note}; {note}";
        }
    }

    // The slot to overwrite next, with its header set (caller holds the lock).
    private Slot Take(DateTimeOffset time, WireOutcome outcome, string? note)
    {
        var slot = _slots[_next] ??= new Slot();
        _next = (_next + 1) % _slots.Length;
        if (_count < _slots.Length) _count++;
        _recorded++;
        slot.Time = time;
        slot.Outcome = outcome;
        slot.Note = note;
        return slot;
    }

    // The slots in use, oldest first (caller holds the lock).
    private IEnumerable<Slot> Ordered()
    {
        var first = (_next - _count + _slots.Length) % _slots.Length;
        for (var i = 0; i < _count; i++) yield return _slots[(first + i) % _slots.Length]!;
    }

    private static int CheckCapacity(int capacity) =>
        capacity is >= 1 and <= 100_000 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a wire transcript keeps 1…100000 exchanges");

    private sealed class Slot
    {
        public DateTimeOffset Time;
        public WireOutcome Outcome;
        public string? Note;
        public readonly Side Request = new();
        public readonly Side Reply = new();

        public WireExchange ToExchange(DateTimeOffset began)
        {
            var reply = Reply.IsEmpty
                ? Note is null ? "(no reply)" : $"(no reply: {Note})"
                : Note is null ? Reply.Text() : $"{Reply.Text()}  ({Note})";
            return new WireExchange(Time - began, Time, Outcome, Request.Text(), reply);
        }
    }

    // One direction of an exchange: the first bytes in a reused buffer, or a string (kept by reference).
    private sealed class Side
    {
        private byte[]? _bytes;
        private int _length;
        private string? _string;

        public bool IsEmpty => _string is null ? _length == 0 : _string.Length == 0;

        public void Set(ReadOnlySpan<byte> data)
        {
            _string = null;
            _length = data.Length;
            if (data.IsEmpty) return;
            _bytes ??= new byte[MaxShown];
            data[..Math.Min(data.Length, MaxShown)].CopyTo(_bytes);
        }

        public void Set(string text)
        {
            _string = text;
            _length = 0;
        }

        public string Text()
        {
            if (_string is not null) return Escape(_string);
            if (_length == 0) return "";
            var text = Escape(_bytes.AsSpan(0, Math.Min(_length, MaxShown)));
            return _length > MaxShown ? text + $"… ({_length.ToString(CultureInfo.InvariantCulture)} bytes)" : text;
        }
    }
}

/// <summary>What became of one request on the wire.</summary>
public enum WireOutcome
{
    /// <summary>The twin answered (the reply left as recorded).</summary>
    Answered,

    /// <summary>The twin heard it and had nothing to say (a command without reply, an error that only queues).</summary>
    NoReply,

    /// <summary>It, or its reply, was lost on the way (a drop or disconnect fault, a loss setting, a missed reply deadline).</summary>
    Dropped,

    /// <summary>Answered, but bytes of the reply were corrupted on the way out (a garble fault).</summary>
    Garbled,

    /// <summary>The twin failed on it (an internal error): no reply.</summary>
    Failed,
}

/// <summary>One exchange of a <see cref="WireTranscript"/>, as printable text.</summary>
/// <param name="Elapsed">Twin time since serving began.</param>
/// <param name="Time">The twin clock's time when the request arrived.</param>
/// <param name="Outcome">What became of the request.</param>
/// <param name="Request">The request, escaped (e.g. <c>PX\r</c>; for HTTP the method, path and the start of the body).</param>
/// <param name="Reply">The reply, escaped, with a note in parentheses when something happened to it, or <c>(no reply: …)</c>.</param>
public sealed record WireExchange(TimeSpan Elapsed, DateTimeOffset Time, WireOutcome Outcome, string Request, string Reply)
{
    /// <summary>The report line: <c>  12.345 s  PX\r  →  PX\r12345;</c>.</summary>
    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Elapsed.TotalSeconds,8:0.000} s  {Request}  →  {Reply}");
}
