namespace Testbed.Twin.Scpi;

/// <summary>Runs one program message (a received line without its terminator) against a command table.</summary>
/// <remarks>
/// The line is split into units at <c>;</c>; a header after <c>;</c> resolves relative to the previous command's path
/// first (SCPI compound rule), then from the root. A unit with an error queues it (no reply, no exception) and the
/// next unit still runs. Callers hold <see cref="ScpiContext.Gate"/>.
/// </remarks>
public sealed class ScpiDispatcher<TContext>(ScpiCommandTable<TContext> commands, TContext context) where TContext : ScpiContext
{
    /// <summary>Executes every unit of <paramref name="line"/>; <paramref name="reply"/> gets each query's reply as it is produced.</summary>
    public void Execute(string line, Action<string> reply)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(reply);
        IReadOnlyList<HeaderToken> path = [];
        foreach (var raw in ScpiLineParser.Split(line, ';'))
        {
            var unit = raw.Trim(' ', '\t');
            if (unit.Length == 0) continue;
            try
            {
                if (ExecuteUnit(unit, ref path) is { } text) reply(text);
            }
            catch (ScpiException e)
            {
                context.Report(e.Error);
            }
        }
    }

    private string? ExecuteUnit(string unit, ref IReadOnlyList<HeaderToken> path)
    {
        if (!ScpiLineParser.IsPrintable(unit)) throw new ScpiException(ScpiError.InvalidCharacter);
        var (header, parameterText) = ScpiLineParser.SplitUnit(unit);
        var isQuery = header.EndsWith('?');
        var name = isQuery ? header[..^1] : header;
        if (name.Contains('?') || name.Length == 0) throw new ScpiException(ScpiError.SyntaxError);
        var arguments = ParseArguments(parameterText);
        ScpiCommand<TContext> command;
        if (name.StartsWith('*'))
        {
            if (name.Length == 1 || !name.Skip(1).All(char.IsAsciiLetter)) throw new ScpiException(ScpiError.SyntaxError);
            command = commands.FindCommon(name) ?? throw new ScpiException(ScpiError.UndefinedHeader);
        }
        else
        {
            var rooted = name.StartsWith(':');
            var nodes = (rooted ? name[1..] : name).Split(':');
            var tokens = new List<HeaderToken>(nodes.Length);
            foreach (var node in nodes)
            {
                if (node.Length == 0) throw new ScpiException(ScpiError.SyntaxError);
                tokens.Add(HeaderToken.Parse(node) ?? throw new ScpiException(ScpiError.UndefinedHeader));
            }
            command = commands.Find(tokens, path, rooted) ?? throw new ScpiException(ScpiError.UndefinedHeader);
            var resolved = !rooted && path.Count > 0 && commands.Find([.. path, .. tokens], [], true) == command
                ? [.. path, .. tokens] : tokens;
            path = resolved.Take(resolved.Count - 1).ToList();
        }
        // The event first (a fault armed on this very command fires now), then the refusals it may have switched on.
        var shortForm = command.Header.ShortForm;
        context.CommandReceived?.Invoke(shortForm, isQuery);
        if (context.Refusals.For(shortForm, isQuery, out var cause) is { } refused)
        {
            context.RefusedBy = cause;
            throw new ScpiException(refused);
        }
        if (isQuery)
        {
            var query = command.Query ?? throw new ScpiException(ScpiError.UndefinedHeader);
            return query(context, arguments);
        }
        var set = command.Set ?? throw new ScpiException(ScpiError.UndefinedHeader);
        set(context, arguments);
        return null;
    }

    private static ScpiArguments ParseArguments(string text)
    {
        if (text.Length == 0) return ScpiArguments.Empty;
        var parts = ScpiLineParser.Split(text, ',').Select(p => p.Trim(' ', '\t')).ToList();
        if (parts.Any(p => p.Length == 0)) throw new ScpiException(ScpiError.SyntaxError);
        return new ScpiArguments(parts);
    }
}
