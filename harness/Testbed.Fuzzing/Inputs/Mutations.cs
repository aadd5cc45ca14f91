using System.Text;

namespace Testbed.Fuzzing.Inputs;

/// <summary>The byte-level mutations: bit flips, byte insert/delete/duplicate, splice, protocol tokens, numeric boundaries, long repetitions.</summary>
internal static class Mutations
{
    // Bytes that mean something to at least one of the protocols: terminators, separators, quotes, telnet IAC, NUL, high bit.
    private static readonly byte[] Interesting =
        [0x00, 0x01, 0x03, 0x08, 0x09, 0x0A, 0x0D, 0x18, 0x1B, 0x20, 0x22, 0x25, 0x27, 0x2C, 0x2F, 0x3A, 0x3B, 0x3D, 0x3F,
         0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xC0, 0xF0, 0xFA, 0xFE, 0xFF];

    // Numbers at the edges of the types parsers convert into.
    private static readonly byte[][] Boundaries = [.. new[]
    {
        "0", "-0", "1", "-1", "127", "128", "255", "256", "-129", "32767", "32768", "65535", "65536", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "4294967295", "4294967296", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e308", "1e309", "-1e309", "1e-324", "4.9e-324",
        "NaN", "Infinity", "-Infinity", "inf", "0x10", "1.5", ".5", "5.", "1e", "--1", "+1", "00000000000000000000001",
        "99999999999999999999999999999999999999",
    }.Select(Encoding.ASCII.GetBytes)];

    public static void Apply(List<byte> data, ref FuzzRandom rng, IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> tokens, int maxLength)
    {
        switch (rng.Next(12))
        {
            case 0: FlipBit(data, ref rng); break;
            case 1: SetByte(data, ref rng); break;
            case 2: Insert(data, ref rng, [Pick(ref rng)]); break;
            case 3: Delete(data, ref rng); break;
            case 4: Duplicate(data, ref rng); break;
            case 5: Splice(data, ref rng, corpus); break;
            case 6 or 7: Insert(data, ref rng, tokens.Count > 0 ? tokens[rng.Next(tokens.Count)] : [Pick(ref rng)]); break;
            case 8: ReplaceNumber(data, ref rng); break;
            case 9: Repeat(data, ref rng, maxLength); break;
            case 10: Truncate(data, ref rng); break;
            default: RandomBytes(data, ref rng); break;
        }
        if (data.Count > maxLength) data.RemoveRange(maxLength, data.Count - maxLength);
    }

    private static byte Pick(ref FuzzRandom rng) => rng.OneIn(2) ? Interesting[rng.Next(Interesting.Length)] : rng.NextByte();

    private static void FlipBit(List<byte> data, ref FuzzRandom rng)
    {
        if (data.Count == 0) { data.Add(rng.NextByte()); return; }
        var i = rng.Next(data.Count);
        data[i] ^= (byte)(1 << rng.Next(8));
    }

    private static void SetByte(List<byte> data, ref FuzzRandom rng)
    {
        if (data.Count == 0) { data.Add(Pick(ref rng)); return; }
        data[rng.Next(data.Count)] = Pick(ref rng);
    }

    private static void Insert(List<byte> data, ref FuzzRandom rng, byte[] bytes) => data.InsertRange(rng.Next(data.Count + 1), bytes);

    private static void Delete(List<byte> data, ref FuzzRandom rng)
    {
        if (data.Count == 0) return;
        var start = rng.Next(data.Count);
        data.RemoveRange(start, Math.Min(data.Count - start, rng.Skewed(16)));
    }

    private static void Duplicate(List<byte> data, ref FuzzRandom rng)
    {
        if (data.Count == 0) return;
        var start = rng.Next(data.Count);
        var range = data.GetRange(start, Math.Min(data.Count - start, rng.Skewed(32)));
        data.InsertRange(rng.Next(data.Count + 1), range);
    }

    // Crossover: the head of this input, the tail of another valid one.
    private static void Splice(List<byte> data, ref FuzzRandom rng, IReadOnlyList<byte[]> corpus)
    {
        if (corpus.Count == 0) return;
        var other = corpus[rng.Next(corpus.Count)];
        var cut = rng.Next(data.Count + 1);
        data.RemoveRange(cut, data.Count - cut);
        data.AddRange(other.AsSpan(rng.Next(other.Length + 1)));
    }

    private static void ReplaceNumber(List<byte> data, ref FuzzRandom rng)
    {
        var value = Boundaries[rng.Next(Boundaries.Length)];
        var digits = new List<int>();
        for (var i = 0; i < data.Count; i++)
            if (char.IsAsciiDigit((char)data[i]) && (i == 0 || !char.IsAsciiDigit((char)data[i - 1]))) digits.Add(i);
        if (digits.Count == 0) { Insert(data, ref rng, value); return; }
        var start = digits[rng.Next(digits.Count)];
        var end = start;
        while (end < data.Count && (char.IsAsciiDigit((char)data[end]) || data[end] is (byte)'.' or (byte)'e' or (byte)'E' or (byte)'-')) end++;
        data.RemoveRange(start, end - start);
        data.InsertRange(start, value);
    }

    // Long repetitions of a byte or a range: the way to find unbounded buffers and quadratic parsing.
    private static void Repeat(List<byte> data, ref FuzzRandom rng, int maxLength)
    {
        byte[] unit;
        if (data.Count == 0 || rng.OneIn(3)) unit = [Pick(ref rng)];
        else
        {
            var start = rng.Next(data.Count);
            unit = [.. data.GetRange(start, Math.Min(data.Count - start, rng.Skewed(16)))];
        }
        var times = rng.OneIn(8) ? maxLength / Math.Max(1, unit.Length) : rng.Skewed(1000);
        var at = rng.Next(data.Count + 1);
        var block = new byte[Math.Min((long)unit.Length * times, maxLength)];
        for (var i = 0; i < block.Length; i++) block[i] = unit[i % unit.Length];
        data.InsertRange(at, block);
    }

    private static void Truncate(List<byte> data, ref FuzzRandom rng)
    {
        if (data.Count == 0) return;
        var cut = rng.Next(data.Count);
        data.RemoveRange(cut, data.Count - cut);
    }

    private static void RandomBytes(List<byte> data, ref FuzzRandom rng)
    {
        var n = rng.Skewed(16);
        var bytes = new byte[n];
        for (var i = 0; i < n; i++) bytes[i] = rng.NextByte();
        Insert(data, ref rng, bytes);
    }
}
