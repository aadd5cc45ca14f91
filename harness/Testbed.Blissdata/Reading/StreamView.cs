namespace Testbed.Blissdata.Reading;

/// <summary>What a cursor read returns for one stream: points [Index, Index + Length), decoded on demand.</summary>
public sealed class StreamView
{
    private readonly IReadOnlyList<StreamEntry> _entries;

    internal StreamView(ScanStream stream, long index, long length, IReadOnlyList<StreamEntry> entries)
    {
        Stream = stream;
        Index = index;
        Length = length;
        _entries = entries;
    }

    public ScanStream Stream { get; }

    public long Index { get; }

    public long Length { get; }

    /// <summary>The points of the view; <see cref="IndexNoMoreThereException"/> when some were trimmed or skipped by the writer.</summary>
    public StreamData GetData()
    {
        var first = _entries.Count > 0 ? _entries[0].Index : long.MaxValue;
        if (first > Index && Stream.Kind?.ReadFallback(Stream, Index, Length) is { } fromFile) return fromFile;
        if (first > Index)
            throw new IndexNoMoreThereException($"stream '{Stream.Name}' ({Stream.Key}): points {Index}…{Math.Min(first, Index + Length) - 1} are not in Redis (trimmed or never written)");
        return EntryDecoder.Decode(Stream, _entries, Index, Index + Length);
    }
}
