namespace Testbed.Twin.Host.Control;

/// <summary>What kind of refusal a control request met; the HTTP layer maps it to a status code.</summary>
public enum ControlProblem
{
    /// <summary>No such device or key (404).</summary>
    NotFound,

    /// <summary>A value the state cannot take (400).</summary>
    BadValue,

    /// <summary>The twin cannot do it as it runs (409), e.g. pausing a clock that is not a simulation clock.</summary>
    Conflict,
}

/// <summary>A control request refused, with a one-line message in the user's terms (what, where, what to do).</summary>
public sealed class ControlException(ControlProblem problem, string message) : Exception(message)
{
    public ControlProblem Problem { get; } = problem;
}
