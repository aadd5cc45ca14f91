namespace Testbed.Bench.Running;

/// <summary>The order in which the parts of one repetition run: rotated from one repetition to the next so none always goes first (cold caches, a fresh server) or last.</summary>
public static class Rotation
{
    /// <summary>Indices 0…<paramref name="count"/>-1 starting at <paramref name="repetition"/> mod <paramref name="count"/>.</summary>
    public static IEnumerable<int> Order(int count, int repetition)
    {
        for (var k = 0; k < count; k++) yield return (k + repetition) % count;
    }
}
