namespace Testbed.Beamline;

/// <summary>Suggestions for mistyped names (keys, commands, axes): the nearest known name by edit distance.</summary>
public static class Spelling
{
    /// <summary>The known name nearest to <paramref name="word"/> when at most <paramref name="maxDistance"/> edits away, else null.</summary>
    public static string? Nearest(string word, IEnumerable<string> known, int maxDistance = 2)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(known);
        var best = known.OrderBy(k => Distance(k, word)).FirstOrDefault();
        return best is not null && Distance(best, word) <= maxDistance ? best : null;
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
