namespace Testbed.Twin.Scpi;

/// <summary>Finds the table line for a typed header, resolving headers after <c>;</c> relative to the previous command's path.</summary>
public sealed class ScpiCommandTable<TContext>(IReadOnlyList<ScpiCommand<TContext>> commands) where TContext : ScpiContext
{
    /// <summary>The command for <paramref name="tokens"/>; tries <paramref name="path"/> + tokens first (SCPI compound rule), then the root.</summary>
    public ScpiCommand<TContext>? Find(IReadOnlyList<HeaderToken> tokens, IReadOnlyList<HeaderToken> path, bool rooted)
    {
        if (!rooted && path.Count > 0)
        {
            var relative = path.Concat(tokens).ToList();
            if (FindFromRoot(relative) is { } r) return r;
        }
        return FindFromRoot(tokens);
    }

    public ScpiCommand<TContext>? FindCommon(string name)
    {
        foreach (var c in commands)
            if (c.IsCommon && string.Equals(c.Header.Text, name, StringComparison.OrdinalIgnoreCase)) return c;
        return null;
    }

    private ScpiCommand<TContext>? FindFromRoot(IReadOnlyList<HeaderToken> tokens)
    {
        foreach (var c in commands)
            if (!c.IsCommon && c.Header.Matches(tokens)) return c;
        return null;
    }
}
