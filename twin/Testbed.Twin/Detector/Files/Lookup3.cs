namespace Testbed.Twin.Detector.Files;

/// <summary>Bob Jenkins' lookup3 <c>hashlittle</c> with seed 0: the checksum of HDF5 metadata blocks (object headers v2).</summary>
internal static class Lookup3
{
    public static uint Hash(ReadOnlySpan<byte> data)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)data.Length;
        while (data.Length > 12)
        {
            a += Word(data, 0);
            b += Word(data, 4);
            c += Word(data, 8);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }
        if (data.Length == 0) return c;
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += Word(tail, 0);
        b += Word(tail, 4);
        c += Word(tail, 8);
        Final(ref a, ref b, ref c);
        return c;
    }

    private static uint Word(ReadOnlySpan<byte> d, int i) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(d[i..]);

    private static uint Rot(uint x, int k) => (x << k) | (x >> (32 - k));

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= Rot(c, 4); c += b;
        b -= a; b ^= Rot(a, 6); a += c;
        c -= b; c ^= Rot(b, 8); b += a;
        a -= c; a ^= Rot(c, 16); c += b;
        b -= a; b ^= Rot(a, 19); a += c;
        c -= b; c ^= Rot(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= Rot(b, 14);
        a ^= c; a -= Rot(c, 11);
        b ^= a; b -= Rot(a, 25);
        c ^= b; c -= Rot(b, 16);
        a ^= c; a -= Rot(c, 4);
        b ^= a; b -= Rot(a, 14);
        c ^= b; c -= Rot(b, 24);
    }
}
