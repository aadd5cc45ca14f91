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

    /// <summary>The name of the command a user writes as <paramref name="header"/> (<c>READ?</c>, <c>meas:curr?</c>, <c>SENS1:CURR:NPLC</c>,
    /// <c>*IDN?</c>), matched as the instrument matches it: the table line's <see cref="ScpiHeaderPattern.ShortForm"/>, plus <c>?</c> for a
    /// query. Null when the instrument has no such command, or no query form for a <c>?</c>.</summary>
    public string? NameOf(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var text = header.Trim();
        var query = text.EndsWith('?');
        var name = query ? text[..^1] : text;
        ScpiCommand<TContext>? command;
        if (name.StartsWith('*')) command = FindCommon(name);
        else
        {
            var tokens = new List<HeaderToken>();
            foreach (var node in (name.StartsWith(':') ? name[1..] : name).Split(':'))
            {
                if (HeaderToken.Parse(node) is not { } token) return null;
                tokens.Add(token);
            }
            command = FindFromRoot(tokens);
        }
        if (command is null || (query && command.Query is null)) return null;
        return command.Header.ShortForm + (query ? "?" : "");
    }

    /// <summary>Every table line.</summary>
    public IReadOnlyList<ScpiCommand<TContext>> All => commands;

    private ScpiCommand<TContext>? FindFromRoot(IReadOnlyList<HeaderToken> tokens)
    {
        foreach (var c in commands)
            if (!c.IsCommon && c.Header.Matches(tokens)) return c;
        return null;
    }
}
