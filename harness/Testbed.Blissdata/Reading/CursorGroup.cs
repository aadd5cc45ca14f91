using StackExchange.Redis;

namespace Testbed.Blissdata.Reading;

/// <summary>Reads several streams at once (§6.5): one XREAD for all, views per stream, EndOfStream once every stream is finished.</summary>
/// <remarks>Blocking reads poll with the store's TimeProvider (docs/decisions/0003-blissdata-blocking-reads.md).</remarks>
public sealed class CursorGroup
{
    private readonly List<Cursor> _cursors;
    private readonly Dictionary<Cursor, (long Bytes, long Entries)> _seen = [];
    private int _batchSize = 100;

    public CursorGroup(IEnumerable<ScanStream> streams) : this(streams.Select(s => s.Cursor()).ToList())
    {
    }

    /// <summary>A group of cursors that may start anywhere (a writer resuming from the points it has).</summary>
    public CursorGroup(IEnumerable<Cursor> cursors) : this(cursors.ToList())
    {
    }

    internal CursorGroup(List<Cursor> cursors)
    {
        if (cursors.Count == 0) throw new ArgumentException("a cursor group needs at least one stream");
        _cursors = cursors;
    }

    public IReadOnlyList<Cursor> Cursors => _cursors;

    /// <summary>About how many payload bytes one read should bring (null: no limit): the count of a read is lowered from
    /// <see cref="BatchSize"/> so that entries of the size seen so far fit, at least one per stream. A stream of megabyte entries
    /// (blocks of spectra) is then read a few entries at a time instead of in one reply of its whole length.</summary>
    public long? ByteBudget { get; init; }

    /// <summary>After reads that brought about this many payload bytes (null: never), a background collection is asked for.</summary>
    /// <remarks>The Redis client copies each entry's payload into a new array; entries of blocks of spectra are large-object
    /// arrays, which only a full collection frees. Without one the heap grows by every byte read and each new array is fresh
    /// memory the kernel must fault in, which halves the read rate of a long scan (docs/decisions/0018-large-reads-collect.md).</remarks>
    public long? CollectEvery { get; init; }

    private long _sinceCollect;

    /// <summary>Most entries one read takes from each stream (XREAD COUNT; default 100).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a read takes at least one entry per stream");
    }

    /// <summary>The views of streams with new points; empty when none came within <paramref name="timeout"/> (null: forever, zero: no wait).</summary>
    public async Task<IReadOnlyDictionary<ScanStream, StreamView>> ReadAsync(TimeSpan? timeout = null, bool lastOnly = false, CancellationToken ct = default)
    {
        var store = _cursors[0].Stream.Store;
        var time = store.Time;
        var deadline = timeout is { } t ? time.GetTimestamp() + (long)(t.TotalSeconds * time.TimestampFrequency) : long.MaxValue;
        while (true)
        {
            var active = _cursors.Where(c => !c.Finished).ToList();
            if (active.Count == 0)
                throw new EndOfStreamException($"every stream of the group is sealed and fully read ({string.Join(", ", _cursors.Select(c => c.Stream.Name))})");
            // Status streams (lima, lima2) are always read last-only: only their newest event means something.
            var last = active.Where(c => lastOnly || c.Stream.Kind?.StatusOnly == true).ToList();
            var next = active.Where(c => !last.Contains(c)).ToList();
            var views = last.Count > 0 ? await ReadLastAsync(last) : [];
            if (next.Count > 0)
                foreach (var (s, v) in await ReadNextAsync(next, Count(next))) views[s] = v;
            if (views.Count > 0) return views;
            if (_cursors.All(c => c.Finished))
                throw new EndOfStreamException($"every stream of the group is sealed and fully read ({string.Join(", ", _cursors.Select(c => c.Stream.Name))})");
            if (time.GetTimestamp() >= deadline) return views;
            await Task.Delay(store.Options.PollInterval, time, ct);
        }
    }

    // One COUNT for every stream of the XREAD: the one whose entries are largest decides.
    private int Count(List<Cursor> active)
    {
        if (ByteBudget is not { } budget) return _batchSize;
        var largest = active.Select(c => _seen.TryGetValue(c, out var s) && s.Entries > 0 ? s.Bytes / s.Entries : 0).DefaultIfEmpty(0).Max();
        if (largest == 0) return 1;   // nothing seen yet: one entry each tells the sizes
        return (int)Math.Clamp(budget / largest, 1, _batchSize);
    }

    private async Task<Dictionary<ScanStream, StreamView>> ReadNextAsync(List<Cursor> active, int count)
    {
        var db = active[0].Stream.Db;
        var positions = active.Select(c => new StreamPosition(c.Stream.Key, StreamIds.Before(c.Next))).ToArray();
        var streams = await db.StreamReadAsync(positions, count);
        var views = new Dictionary<ScanStream, StreamView>();
        foreach (var rs in streams)
        {
            var cursor = active.First(c => c.Stream.Key == rs.Key);
            var entries = rs.Entries.Select(e => StreamEntry.From(e, cursor.Stream.Key)).ToList();
            if (entries.Count == 0) continue;
            var (bytes, seen) = _seen.GetValueOrDefault(cursor);
            var read = entries.Sum(e => (long)e.Payload.Length);
            _seen[cursor] = (bytes + read, seen + entries.Count);
            _sinceCollect += read;
            var data = entries.Where(e => !e.IsSeal).ToList();
            var seal = entries.FirstOrDefault(e => e.IsSeal);
            var end = data.Count > 0 ? data[^1].End : seal.IsSeal ? seal.Index : cursor.Next;
            if (end > cursor.Next)
            {
                views[cursor.Stream] = new StreamView(cursor.Stream, cursor.Next, end - cursor.Next, data);
                cursor.Next = end;
            }
            if (seal.IsSeal && cursor.Next >= seal.Index) cursor.Finished = true;
        }
        if (CollectEvery is { } every && _sinceCollect >= every)
        {
            _sinceCollect = 0;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
        }
        return views;
    }

    private static async Task<Dictionary<ScanStream, StreamView>> ReadLastAsync(List<Cursor> active)
    {
        var db = active[0].Stream.Db;
        var batch = db.CreateBatch();
        var lasts = active.Select(c => batch.StreamRangeAsync(c.Stream.Key, StreamIds.Before(c.Next), "+", 1, Order.Descending)).ToList();
        batch.Execute();
        var views = new Dictionary<ScanStream, StreamView>();
        for (var i = 0; i < active.Count; i++)
        {
            var cursor = active[i];
            var found = await lasts[i];
            if (found.Length == 0) continue;
            var e = StreamEntry.From(found[0], cursor.Stream.Key);
            if (e.IsSeal)
            {
                var length = e.Index;
                if (cursor.Next >= length)
                {
                    cursor.Finished = true;
                    continue;
                }
                var before = await db.StreamRangeAsync(cursor.Stream.Key, StreamIds.Before(cursor.Next), StreamIds.Upto(length - 1), 1, Order.Descending);
                IReadOnlyList<StreamEntry> data = before.Length == 0 ? [] : [StreamEntry.From(before[0], cursor.Stream.Key)];
                views[cursor.Stream] = new StreamView(cursor.Stream, length - 1, 1, data);
                cursor.Next = length;
                continue;
            }
            views[cursor.Stream] = new StreamView(cursor.Stream, e.End - 1, 1, [e]);
            cursor.Next = e.End;
        }
        return views;
    }
}
