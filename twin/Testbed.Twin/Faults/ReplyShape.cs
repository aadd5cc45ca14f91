namespace Testbed.Twin.Faults;

/// <summary>How the link faults make one reply leave: after <see cref="Delay"/>, in <see cref="Parts"/> pieces <see cref="Gap"/> apart,
/// sent twice when <see cref="Duplicated"/>, held back until the next reply (at most <see cref="Hold"/>) when reordered.</summary>
/// <param name="Delay">Twin time between the request being handled and the reply's first byte leaving.</param>
/// <param name="Parts">Pieces (1 = whole); never more than the reply has bytes, so no piece is empty.</param>
/// <param name="Gap">Twin time between two pieces.</param>
/// <param name="Duplicated">The reply is sent a second time right after the first.</param>
/// <param name="Hold">Held back and sent after the next reply, or after this much twin time when none comes; null = not reordered.</param>
/// <param name="Note">Which faults did it, for wire transcripts (e.g. "delayed 200 ms by fault 'slow'"), or null.</param>
public readonly record struct ReplyShape(TimeSpan Delay, int Parts, TimeSpan Gap, bool Duplicated, TimeSpan? Hold, string? Note)
{
    /// <summary>True when the reply leaves at once, whole, once.</summary>
    public bool IsPlain => Delay <= TimeSpan.Zero && Parts <= 1 && !Duplicated && Hold is null;

    /// <summary>The pieces of <paramref name="reply"/>: <see cref="Parts"/> runs of nearly equal length, in order, none empty.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Pieces(ReadOnlyMemory<byte> reply)
    {
        var parts = Math.Clamp(Parts, 1, Math.Max(1, reply.Length));
        var pieces = new ReadOnlyMemory<byte>[parts];
        var start = 0;
        for (var i = 0; i < parts; i++)
        {
            // The first pieces take the remainder, so sizes differ by one byte at most.
            var length = reply.Length / parts + (i < reply.Length % parts ? 1 : 0);
            pieces[i] = reply.Slice(start, length);
            start += length;
        }
        return pieces;
    }
}
