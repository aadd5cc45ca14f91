namespace Testbed.Blissdata.Publishing;

/// <summary>Points buffered for the next entry. Fixed-shape entries are filled in a buffer of exactly one entry's size,
/// which then becomes the payload without another copy.</summary>
internal sealed class PendingPoints
{
    private byte[] _buffer = [];

    public int Length { get; private set; }

    public int Points { get; private set; }

    /// <summary>Point shape of what is buffered (variable-shape streams batch only equal shapes).</summary>
    public int[]? PointShape { get; set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    /// <summary>Appends one point of <paramref name="size"/> bytes (scalar fast path).</summary>
    public Span<byte> AppendOne(int size, int capacity)
    {
        if (Length + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(Length + size, Math.Max(capacity, _buffer.Length * 2)));
        var span = _buffer.AsSpan(Length, size);
        Length += size;
        Points++;
        return span;
    }

    /// <summary>Appends whole points; <paramref name="capacity"/> is the size of a full entry when known.</summary>
    public void Append(ReadOnlySpan<byte> bytes, int points, int capacity)
    {
        if (Length + bytes.Length > _buffer.Length)
        {
            var size = Math.Max(Length + bytes.Length, Math.Max(capacity, _buffer.Length * 2));
            Array.Resize(ref _buffer, size);
        }
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
        Points += points;
    }

    /// <summary>The buffered bytes as a payload array (the buffer itself when exactly full), and an empty buffer.</summary>
    public byte[] Take()
    {
        byte[] payload;
        if (Length == _buffer.Length)
        {
            payload = _buffer;
            _buffer = [];
        }
        else
        {
            payload = _buffer.AsSpan(0, Length).ToArray();
        }
        Length = 0;
        Points = 0;
        return payload;
    }
}
