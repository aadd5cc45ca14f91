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
public sealed record FaultRecord(FaultSpec Spec, FaultState State, TimeSpan? FiredAt, TimeSpan? ClearedAt)
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
