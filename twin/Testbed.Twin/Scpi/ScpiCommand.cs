namespace Testbed.Twin.Scpi;

/// <summary>Executes the set (no <c>?</c>) form of a command; throws <see cref="ScpiException"/> to reject it.</summary>
public delegate void ScpiSetHandler(ScpiContext context, ScpiArguments arguments);

/// <summary>Executes the query (<c>?</c>) form of a command and returns the reply line (without terminator).</summary>
public delegate string ScpiQueryHandler(ScpiContext context, ScpiArguments arguments);

/// <summary>One table line: a header pattern and its set and/or query handler.</summary>
public sealed class ScpiCommand(string pattern, ScpiSetHandler? set = null, ScpiQueryHandler? query = null)
{
    public ScpiHeaderPattern Header { get; } = new(pattern);

    public ScpiSetHandler? Set { get; } = set;

    public ScpiQueryHandler? Query { get; } = query;

    /// <summary>Common (IEEE 488.2 <c>*XXX</c>) commands are matched by name, not by node path.</summary>
    public bool IsCommon => Header.Text.StartsWith('*');
}
