using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Kinds;

/// <summary>One kind of plugin stream (§7): how a reader recognises it, validates it, measures it and reads what Redis lost.</summary>
/// <remarks>Every kind is one class registered in <see cref="StreamKinds"/>; nothing else switches on plugin names.</remarks>
public interface IStreamKind
{
    /// <summary>The <c>info.plugin</c> name 2.x readers route the stream by.</summary>
    string Name { get; }

    /// <summary>Whether a stream without <c>info.plugin</c> belongs to this kind (by <c>info.format</c> or, for saving scans, its file keys).</summary>
    bool Claims(StreamModel model, bool scanSaves) => false;

    /// <summary>Why a stream of this kind cannot be used, or null.</summary>
    string? Problem(StreamModel model) => null;

    /// <summary>The stream length as the kind defines it (default: points in Redis).</summary>
    Task<long> LengthAsync(ScanStream stream) => stream.RawLengthAsync();

    /// <summary>Only the newest event means something (status streams): cursor groups read it last-only.</summary>
    bool StatusOnly => false;

    /// <summary>Whether points trimmed from Redis can still be read (<see cref="ReadFallback"/>).</summary>
    bool HasFileFallback => false;

    /// <summary>Points [<paramref name="start"/>, +<paramref name="count"/>) that are no longer in Redis, from files; null when the kind has no fallback.</summary>
    StreamData? ReadFallback(ScanStream stream, long start, long count) => null;
}
