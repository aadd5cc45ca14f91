namespace Testbed.Twin.Scpi;

/// <summary>Executes the set (no <c>?</c>) form of a command; throws <see cref="ScpiException"/> to reject it.</summary>
public delegate void ScpiSetHandler<in TContext>(TContext context, ScpiArguments arguments) where TContext : ScpiContext;

/// <summary>Executes the query (<c>?</c>) form of a command and returns the reply line (without terminator).</summary>
public delegate string ScpiQueryHandler<in TContext>(TContext context, ScpiArguments arguments) where TContext : ScpiContext;

/// <summary>One table line: a header pattern and its set and/or query handler.</summary>
public sealed class ScpiCommand<TContext>(string pattern, ScpiSetHandler<TContext>? set = null, ScpiQueryHandler<TContext>? query = null)
    where TContext : ScpiContext
{
    public ScpiHeaderPattern Header { get; } = new(pattern);

    public ScpiSetHandler<TContext>? Set { get; } = set;

    public ScpiQueryHandler<TContext>? Query { get; } = query;

    /// <summary>Common (IEEE 488.2 <c>*XXX</c>) commands are matched by name, not by node path.</summary>
    public bool IsCommon => Header.Text.StartsWith('*');
}
