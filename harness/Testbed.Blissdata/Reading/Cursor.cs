namespace Testbed.Blissdata.Reading;

/// <summary>Reads one stream forward from an index; see <see cref="CursorGroup"/> for the semantics.</summary>
public sealed class Cursor
{
    private readonly CursorGroup _group;

    internal Cursor(ScanStream stream, long start)
    {
        Stream = stream;
        Next = start;
        _group = new CursorGroup([this]);
    }

    public ScanStream Stream { get; }

    /// <summary>The next index expected.</summary>
    public long Next { get; internal set; }

    /// <summary>True once the seal was reached and every point before it delivered.</summary>
    public bool Finished { get; internal set; }

    /// <summary>New points, or null when none came within <paramref name="timeout"/> (null: wait forever, zero: do not wait).</summary>
    public async Task<StreamView?> ReadAsync(TimeSpan? timeout = null, bool lastOnly = false, CancellationToken ct = default)
    {
        var views = await _group.ReadAsync(timeout, lastOnly, ct);
        return views.TryGetValue(Stream, out var v) ? v : null;
    }
}
