namespace Testbed.Fuzzing.Targets;

/// <summary>Cuts a byte stream into reads of varying size, as a socket or pty delivers it, so partial lines and sequences are exercised.</summary>
internal static class Chunks
{
    private static readonly int[] Sizes = [1, 7, 2, 64, 3, 512, 13];

    public static IEnumerable<ArraySegment<byte>> Of(byte[] input)
    {
        var at = 0;
        for (var k = 0; at < input.Length; k++)
        {
            var n = Math.Min(Sizes[k % Sizes.Length], input.Length - at);
            yield return new ArraySegment<byte>(input, at, n);
            at += n;
        }
    }
}
