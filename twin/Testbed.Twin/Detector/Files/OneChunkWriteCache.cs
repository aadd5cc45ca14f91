using PureHDF.VOL.Native;

namespace Testbed.Twin.Detector.Files;

/// <summary>A PureHDF writing chunk cache that holds one chunk: a chunk is written out as soon as the next one is touched.</summary>
/// <remarks>
/// PureHDF's default writing cache keeps every chunk in memory until the file is disposed (a 1000-frame file of 2 MB
/// frames would hold 2 GB). Frames arrive in order, one per chunk, so one slot is enough and memory stays at one frame.
/// The buffer is reused from chunk to chunk: use this cache only where chunks are filled completely in order (a last
/// partial chunk keeps stale bytes, but only beyond the data set extent, where no reader looks).
/// The writer handed over with a chunk is kept and used to evict that chunk: in PureHDF 2.2.0 the writer passed to
/// <see cref="GetChunk"/> writes to the index it was created for, whatever index it is called with.
/// </remarks>
internal sealed class OneChunkWriteCache : IWritingChunkCache
{
    private ulong _index;
    private Memory<byte> _chunk;
    private Action<ulong, Memory<byte>>? _writer;

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_writer is not null && _index == chunkIndex) return _chunk;
        Evict();
        // Every chunk is one whole frame, fully overwritten, so the previous chunk's buffer is reused.
        if (_chunk.IsEmpty) _chunk = chunkAllocator();
        _index = chunkIndex;
        _writer = chunkWriter;
        return _chunk;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter) => Evict();

    private void Evict()
    {
        if (_writer is null) return;
        var writer = _writer;
        _writer = null;
        writer(_index, _chunk);
    }
}
