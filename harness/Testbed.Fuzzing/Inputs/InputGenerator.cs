namespace Testbed.Fuzzing.Inputs;

/// <summary>Input <c>i</c> of a seed: mostly a valid corpus entry with a few mutations, sometimes fully random bytes.</summary>
/// <remarks>Each input has its own PRNG stream derived from (seed, index), so a report's index regenerates exactly that input.</remarks>
internal sealed class InputGenerator(IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> tokens, int maxLength, long seed)
{
    // Printable bytes of the corpus: random text in the protocol's alphabet reaches deeper than uniform noise.
    private readonly byte[] _alphabet = [.. corpus.SelectMany(c => c).Concat(tokens.SelectMany(t => t)).Distinct()];

    public byte[] Generate(long index)
    {
        var rng = new FuzzRandom(seed, index);
        if (corpus.Count == 0 || rng.OneIn(10)) return Random(ref rng);
        var data = new List<byte>(corpus[rng.Next(corpus.Count)]);
        // Unmutated entries now and then: the valid path must never crash either.
        var mutations = rng.OneIn(20) ? 0 : rng.Skewed(8);
        for (var m = 0; m < mutations; m++) Mutations.Apply(data, ref rng, corpus, tokens, maxLength);
        return [.. data];
    }

    private byte[] Random(ref FuzzRandom rng)
    {
        var length = rng.Next(20) switch
        {
            0 => rng.Next(maxLength / 4 + 1),
            < 6 => rng.Next(1024),
            _ => rng.Next(64),
        };
        var bytes = new byte[Math.Min(length, maxLength)];
        var text = _alphabet.Length > 0 && rng.OneIn(2);
        for (var i = 0; i < bytes.Length; i++) bytes[i] = text ? _alphabet[rng.Next(_alphabet.Length)] : rng.NextByte();
        return bytes;
    }
}
