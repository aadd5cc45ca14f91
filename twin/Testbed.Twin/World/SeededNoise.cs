namespace Testbed.Twin.World;

/// <summary>Random draws that are functions of (seed, stream, index) only — never of wall time, thread order or how many draws came before.</summary>
/// <remarks>A device draws its n-th sample's noise as <c>Normal(seed, stream, n)</c>, so the same file and seed give the same values
/// at any clock rate and under any load. SplitMix64 mixes the key; HashCode.Combine is randomised per process and cannot be used.</remarks>
public static class SeededNoise
{
    /// <summary>A stable stream number for a name (device and quantity), e.g. <c>Stream("source.noise")</c>.</summary>
    public static ulong Stream(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // FNV-1a: stable across processes and platforms.
        var h = 14695981039346656037UL;
        foreach (var c in name)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(long seed, ulong stream, long index) =>
        (Mix(Mix(unchecked((ulong)seed) ^ stream) + unchecked((ulong)index)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller on two keyed uniforms).</summary>
    public static double Normal(long seed, ulong stream, long index)
    {
        var u1 = 1.0 - Uniform(seed, stream, 2 * index);
        var u2 = Uniform(seed, stream, 2 * index + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A <see cref="Random"/> seeded from the key, for draws of many values (e.g. the pixels of one frame).</summary>
    public static Random Generator(long seed, ulong stream, long index) =>
        new(unchecked((int)(Mix(Mix(unchecked((ulong)seed) ^ stream) + unchecked((ulong)index)) >> 33)));

    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
