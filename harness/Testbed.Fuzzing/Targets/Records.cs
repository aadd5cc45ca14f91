namespace Testbed.Fuzzing.Targets;

/// <summary>Splits an input at 0x1E (ASCII record separator): how targets that need several fields or requests carry them in one input.</summary>
internal static class Records
{
    public const byte Separator = 0x1E;

    public static List<byte[]> Split(ReadOnlySpan<byte> input)
    {
        var parts = new List<byte[]>();
        while (true)
        {
            var end = input.IndexOf(Separator);
            if (end < 0) { parts.Add(input.ToArray()); return parts; }
            parts.Add(input[..end].ToArray());
            input = input[(end + 1)..];
        }
    }

    /// <summary>Fields joined with the separator, for writing corpora.</summary>
    public static byte[] Join(params byte[][] fields) => [.. fields.SelectMany((f, i) => i == 0 ? f : [Separator, .. f])];
}
