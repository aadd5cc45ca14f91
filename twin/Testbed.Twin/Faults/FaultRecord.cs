namespace Testbed.Twin.Faults;

/// <summary>Where a fault is in its life.</summary>
public enum FaultState
{
    /// <summary>Waiting for its time or event.</summary>
    Armed,

    /// <summary>Fired and in effect.</summary>
    Active,

    /// <summary>Over (its duration ran out, or it was cleared; a cleared armed fault never fired).</summary>
    Cleared,
}

/// <summary>One fault's history: when it fired and when it cleared, in virtual time since the timeline started.</summary>
/// <param name="Spec">The fault.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="FiredAt">When it fired, or null.</param>
/// <param name="ClearedAt">When it ended (ran out or cleared), or null.</param>
/// <param name="RanOut">True when it cleared because its duration ran out, false when it was cleared (or is not over yet).</param>
public sealed record FaultRecord(FaultSpec Spec, FaultState State, TimeSpan? FiredAt, TimeSpan? ClearedAt, bool RanOut = false)
{
    public string Name => Spec.Name;
}

/// <summary>What a fault does to its target: switched on when it fires, off when it clears.</summary>
public interface IFaultEffect
{
    void Apply();

    void Remove();
}

/// <summary>An effect from two delegates.</summary>
public sealed class FaultEffect(Action apply, Action remove) : IFaultEffect
{
    public void Apply() => apply();

    public void Remove() => remove();
}
