namespace Testbed.Fuzzing.Inputs;

/// <summary>SplitMix64: a small, fast PRNG whose stream depends only on its seed, so input <c>i</c> of seed <c>s</c> is the same everywhere.</summary>
internal struct FuzzRandom
{
    private ulong _state;

    /// <summary>The generator of input <paramref name="index"/> under <paramref name="seed"/>: independent streams per input, so any input regenerates alone.</summary>
    public FuzzRandom(long seed, long index)
    {
        _state = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)index * 0xD1B54A32D192ED03UL;
        _state = NextULong();
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="max"/>); 0 when max ≤ 0.</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(NextULong() % (ulong)max);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    /// <summary>True with probability 1 / <paramref name="n"/>.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    public byte NextByte() => (byte)NextULong();

    /// <summary>Small numbers more often than large ones: 1, 2, 4 … up to <paramref name="max"/>.</summary>
    public int Skewed(int max) => Math.Max(1, Next(1, 1 + Math.Min(max, 1 << Next(1, 1 + (int)Math.Log2(Math.Max(2, max))))));
}
