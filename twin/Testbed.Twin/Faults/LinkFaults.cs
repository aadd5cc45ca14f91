using Testbed.Twin.World;

namespace Testbed.Twin.Faults;

/// <summary>The link faults in effect on one device's wire: loss, garbling, a dead link, and how replies leave (delayed, duplicated,
/// split, reordered: <see cref="ShapeNextReply"/>). Transports consult it per datagram or write.</summary>
/// <remarks>Every decision is a seeded draw keyed by (device, quantity, index since the link started), so a run replays the same losses
/// and the same corrupted bytes whatever the host load.</remarks>
public sealed class LinkFaults(string device, long seed = 1)
{
    private readonly ulong _dropStream = SeededNoise.Stream(device + ".link.drop");
    private readonly ulong _garbleStream = SeededNoise.Stream(device + ".link.garble");
    private readonly ulong _duplicateStream = SeededNoise.Stream(device + ".link.duplicate");
    private readonly ulong _reorderStream = SeededNoise.Stream(device + ".link.reorder");
    private long _replies;
    private TimeSpan _delay;
    private double _duplicate;
    private int _splitParts = 1;
    private TimeSpan _splitGap;
    private double _reorder;
    private TimeSpan _reorderHold;
    private string? _delayCause, _duplicateCause, _splitCause, _reorderCause;
    private readonly object _gate = new();
    private long _requests;
    private long _bytes;
    private double _drop;
    private double _garble;
    private int _disconnects;
    private readonly List<string> _disconnectCauses = [];
    private string? _dropCause;
    private string? _garbleCause;

    /// <summary>The device (controller name) this link serves.</summary>
    public string Device { get; } = device;

    /// <summary>Raised when the link goes dead: transports with connections close them.</summary>
    public event Action? Disconnected;

    /// <summary>Fraction 0…1 of requests lost.</summary>
    public double DropFraction { get { lock (_gate) return _drop; } set { lock (_gate) _drop = Check(value); } }

    /// <summary>Fraction 0…1 of sent bytes corrupted.</summary>
    public double GarbleFraction { get { lock (_gate) return _garble; } set { lock (_gate) _garble = Check(value); } }

    /// <summary>True while a disconnect fault holds (several may overlap).</summary>
    public bool IsDisconnected { get { lock (_gate) return _disconnects > 0; } }

    /// <summary>Requests lost to drop or disconnect so far.</summary>
    public long Lost { get; private set; }

    /// <summary>Bytes corrupted so far.</summary>
    public long Garbled { get; private set; }

    /// <summary>The fault that set <see cref="DropFraction"/> (for wire transcripts), or null.</summary>
    public string? DropCause { get { lock (_gate) return _dropCause; } set { lock (_gate) _dropCause = value; } }

    /// <summary>The fault that set <see cref="GarbleFraction"/> (for wire transcripts), or null.</summary>
    public string? GarbleCause { get { lock (_gate) return _garbleCause; } set { lock (_gate) _garbleCause = value; } }

    /// <summary>The latest disconnect fault still holding, or null (also null for a disconnect that gave no name).</summary>
    public string? DisconnectCause { get { lock (_gate) return _disconnectCauses.Count > 0 ? _disconnectCauses[^1] : null; } }

    /// <summary>Cuts the link (counted: each <see cref="Disconnect"/> needs its <see cref="Reconnect"/>); <paramref name="cause"/> names the fault.</summary>
    public void Disconnect(string? cause = null)
    {
        lock (_gate)
        {
            _disconnects++;
            if (cause is not null) _disconnectCauses.Add(cause);
        }
        Disconnected?.Invoke();
    }

    /// <summary>Ends one <see cref="Disconnect"/> (the one named <paramref name="cause"/>, when given).</summary>
    public void Reconnect(string? cause = null)
    {
        lock (_gate)
        {
            _disconnects = Math.Max(0, _disconnects - 1);
            if (cause is not null) _disconnectCauses.Remove(cause);
        }
    }

    /// <summary>Decides the fate of the next request: true = lost (dead link, or the drop draw for its index).</summary>
    public bool LosesNextRequest() => LosesNextRequest(out _);

    /// <summary>As <see cref="LosesNextRequest()"/>; <paramref name="why"/> says what lost it, e.g. "dropped by fault 'drop-1'".</summary>
    public bool LosesNextRequest(out string? why)
    {
        lock (_gate)
        {
            var index = _requests++;
            why = null;
            if (_disconnects > 0)
                why = _disconnectCauses.Count > 0 ? $"link cut by fault '{_disconnectCauses[^1]}'" : "link cut by a disconnect fault";
            else if (_drop > 0 && SeededNoise.Uniform(seed, _dropStream, index) < _drop)
                why = _dropCause is null ? "dropped by a drop fault" : $"dropped by fault '{_dropCause}'";
            if (why is null) return false;
            Lost++;
            return true;
        }
    }

    /// <summary>The bytes as they reach the other end: each one XORed with a non-zero mask with probability <see cref="GarbleFraction"/>.</summary>
    public byte[] Corrupt(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            var start = _bytes;
            _bytes += data.Length;
            if (_garble <= 0) return data;
            byte[]? output = null;
            for (var i = 0; i < data.Length; i++)
            {
                if (SeededNoise.Uniform(seed, _garbleStream, 2 * (start + i)) >= _garble) continue;
                output ??= (byte[])data.Clone();
                output[i] ^= (byte)(1 + (int)(SeededNoise.Uniform(seed, _garbleStream, 2 * (start + i) + 1) * 255));
                Garbled++;
            }
            return output ?? data;
        }
    }

    /// <summary>Twin time each reply waits after its request was handled (0…60 s; a delay fault).</summary>
    public TimeSpan Delay { get { lock (_gate) return _delay; } set { lock (_gate) _delay = CheckTime(value); } }

    /// <summary>Fraction 0…1 of replies sent twice (a duplicate fault).</summary>
    public double DuplicateFraction { get { lock (_gate) return _duplicate; } set { lock (_gate) _duplicate = Check(value); } }

    /// <summary>Pieces each reply is sent in (1 = whole, up to 16; a split fault).</summary>
    public int SplitParts
    {
        get { lock (_gate) return _splitParts; }
        set { lock (_gate) _splitParts = value is >= 1 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a reply is split in 1…16 parts"); }
    }

    /// <summary>Twin time between two pieces of a split reply.</summary>
    public TimeSpan SplitGap { get { lock (_gate) return _splitGap; } set { lock (_gate) _splitGap = CheckTime(value); } }

    /// <summary>Fraction 0…1 of replies held back and sent after the next one (a reorder fault).</summary>
    public double ReorderFraction { get { lock (_gate) return _reorder; } set { lock (_gate) _reorder = Check(value); } }

    /// <summary>The longest twin time a held-back reply waits for a next one to follow.</summary>
    public TimeSpan ReorderHold { get { lock (_gate) return _reorderHold; } set { lock (_gate) _reorderHold = CheckTime(value); } }

    /// <summary>The faults that set <see cref="Delay"/>, <see cref="DuplicateFraction"/>, <see cref="SplitParts"/>, <see cref="ReorderFraction"/> (for wire transcripts).</summary>
    public string? DelayCause { get { lock (_gate) return _delayCause; } set { lock (_gate) _delayCause = value; } }

    /// <inheritdoc cref="DelayCause"/>
    public string? DuplicateCause { get { lock (_gate) return _duplicateCause; } set { lock (_gate) _duplicateCause = value; } }

    /// <inheritdoc cref="DelayCause"/>
    public string? SplitCause { get { lock (_gate) return _splitCause; } set { lock (_gate) _splitCause = value; } }

    /// <inheritdoc cref="DelayCause"/>
    public string? ReorderCause { get { lock (_gate) return _reorderCause; } set { lock (_gate) _reorderCause = value; } }

    /// <summary>True while a fault changes how replies leave (delay, duplicate, split, reorder): transports then take the slow path.</summary>
    public bool ShapesReplies { get { lock (_gate) return _delay > TimeSpan.Zero || _duplicate > 0 || _splitParts > 1 || _reorder > 0; } }

    /// <summary>Replies whose way out <see cref="ShapeNextReply"/> decided so far (a transport asks once its send time is fixed).</summary>
    public long Shaped { get { lock (_gate) return _replies; } }

    /// <summary>Replies sent twice so far.</summary>
    public long Duplicated { get; private set; }

    /// <summary>Replies held back for reordering so far.</summary>
    public long Reordered { get; private set; }

    /// <summary>Raised by a byte-stream transport when a reply leaves shaped (delayed, split), with the shape's note: the device's
    /// transcript records its exchanges before the bytes reach the transport.</summary>
    public event Action<string>? ReplyShaped;

    /// <summary>Tells <see cref="ReplyShaped"/> listeners that a reply left as <paramref name="shape"/> says.</summary>
    public void ReportShaped(ReplyShape shape)
    {
        if (!shape.IsPlain && shape.Note is { } note) ReplyShaped?.Invoke(note);
    }

    /// <summary>Decides how the next reply (of <paramref name="length"/> bytes) leaves: seeded draws keyed by its index since the link started.</summary>
    public ReplyShape ShapeNextReply(int length)
    {
        lock (_gate)
        {
            var index = _replies++;
            var duplicated = _duplicate > 0 && SeededNoise.Uniform(seed, _duplicateStream, index) < _duplicate;
            var held = _reorder > 0 && SeededNoise.Uniform(seed, _reorderStream, index) < _reorder;
            var parts = Math.Min(_splitParts, Math.Max(1, length));
            if (duplicated) Duplicated++;
            if (held) Reordered++;
            var notes = new List<string>(4);
            if (_delay > TimeSpan.Zero) notes.Add($"delayed {Milliseconds(_delay)} ms{By(_delayCause)}");
            if (parts > 1) notes.Add($"split in {parts} parts {Milliseconds(_splitGap)} ms apart{By(_splitCause)}");
            if (duplicated) notes.Add($"sent twice{By(_duplicateCause)}");
            if (held) notes.Add($"held back for the next reply (at most {Milliseconds(_reorderHold)} ms){By(_reorderCause)}");
            return new ReplyShape(_delay, parts, _splitGap, duplicated, held ? _reorderHold : null, notes.Count == 0 ? null : string.Join("; ", notes));
        }
    }

    private static string By(string? cause) => cause is null ? "" : $" by fault '{cause}'";

    private static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static TimeSpan CheckTime(TimeSpan t) =>
        t >= TimeSpan.Zero && t <= TimeSpan.FromMinutes(1) ? t : throw new ArgumentOutOfRangeException(nameof(t), t, "a link fault time is between 0 and 60 s");

    private static double Check(double p) =>
        p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "a link fault fraction is between 0 and 1");
}
