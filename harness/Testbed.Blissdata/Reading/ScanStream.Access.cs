using StackExchange.Redis;

namespace Testbed.Blissdata.Reading;

/// <summary>Random access to points by index and slice (§6.5).</summary>
public sealed partial class ScanStream
{
    /// <summary>Point <paramref name="index"/> (negative: from the end, only once sealed).</summary>
    public async Task<StreamData> GetAsync(long index)
    {
        try { return await GetAsync(index, ignorePlugin: false); }
        catch (IndexNoMoreThereException) when (Kind is { HasFileFallback: true }) { return Kind.ReadFallback(this, index, 1)!; }
    }

    internal async Task<StreamData> GetAsync(long index, bool ignorePlugin)
    {
        if (!ignorePlugin) EnsureUsable();
        if (index < 0) index = await FromEndAsync(index);
        var found = await Db.StreamRangeAsync(Key, "-", StreamIds.Upto(index), 1, Order.Descending);
        if (found.Length == 1)
        {
            var e = StreamEntry.From(found[0], Key);
            if (!e.IsSeal && e.Index <= index && index < e.End) return EntryDecoder.Decode(this, [e], index, index + 1);
        }
        var tx = Db.CreateTransaction();
        var again = tx.StreamRangeAsync(Key, "-", StreamIds.Upto(index), 1, Order.Descending);
        var lastTask = tx.StreamRangeAsync(Key, "-", "+", 1, Order.Descending);
        await tx.ExecuteAsync();
        var at = await again;
        var lastEntries = await lastTask;
        if (at.Length == 1)
        {
            var e = StreamEntry.From(at[0], Key);
            if (!e.IsSeal && e.Index <= index && index < e.End) return EntryDecoder.Decode(this, [e], index, index + 1);
        }
        throw Missing(index, lastEntries.Length == 0 ? null : StreamEntry.From(lastEntries[0], Key));
    }

    /// <summary>Points [<paramref name="start"/>, <paramref name="stop"/>) — stop null: up to the current end; negatives only once sealed.</summary>
    public async Task<StreamData> GetSliceAsync(long start, long? stop = null)
    {
        EnsureUsable();
        if (start < 0) start = Math.Max(0, await FromEndAsync(start, clamp: true));
        if (stop < 0) stop = await FromEndAsync(stop.Value, clamp: true);
        if (stop <= start) return new StreamData(start, [], []);
        var before = await Db.StreamRangeAsync(Key, "-", StreamIds.Upto(start), 1, Order.Descending);
        RedisValue from = StreamIds.Before(start);
        if (before.Length == 1)
        {
            var e = StreamEntry.From(before[0], Key);
            if (!e.IsSeal && e.End > start) from = StreamIds.Entry(e.Index);
        }
        var raw = await Db.StreamRangeAsync(Key, from, stop is null ? "+" : StreamIds.Upto(stop.Value - 1));
        var entries = raw.Select(r => StreamEntry.From(r, Key)).Where(e => !e.IsSeal).ToList();
        var first = entries.Count > 0 ? entries[0].Index : (long?)null;
        if (first is null || first > start)
        {
            var last = await LastEntryAsync();
            var length = last is null ? 0 : last.Value.IsSeal ? last.Value.Index : last.Value.End;
            if (start < length && Kind?.ReadFallback(this, start, Math.Min(stop ?? length, length) - start) is { } fromFile) return fromFile;
            if (start < length)
                throw new IndexNoMoreThereException($"stream '{Name}' ({Key}): points from {start} were trimmed from Redis (first available: {first?.ToString() ?? "none"})");
            return new StreamData(start, [], []);
        }
        var end = Math.Min(stop ?? long.MaxValue, entries[^1].End);
        return EntryDecoder.Decode(this, entries, start, end);
    }

    private async Task<long> FromEndAsync(long index, bool clamp = false)
    {
        var last = await LastEntryAsync();
        if (last is not { IsSeal: true })
            throw new IndexNotYetThereException($"stream '{Name}' ({Key}): negative index {index} needs a sealed stream (its length is not final yet)");
        var resolved = last.Value.Index + index;
        if (resolved < 0 && !clamp)
            throw new IndexWontBeThereException($"stream '{Name}' ({Key}): index {index} is before the start of a stream of {last.Value.Index} points");
        return resolved;
    }

    private BlissdataException Missing(long index, StreamEntry? last)
    {
        if (last is null) return new IndexNotYetThereException($"stream '{Name}' ({Key}): index {index} not published yet (the stream is empty)");
        var length = last.Value.IsSeal ? last.Value.Index : last.Value.End;
        if (index < length) return new IndexNoMoreThereException($"stream '{Name}' ({Key}): point {index} was trimmed from Redis (length {length})");
        if (last.Value.IsSeal) return new IndexWontBeThereException($"stream '{Name}' ({Key}): index {index} is beyond the end of the sealed stream ({length} points)");
        return new IndexNotYetThereException($"stream '{Name}' ({Key}): index {index} not published yet ({length} points so far)");
    }
}
