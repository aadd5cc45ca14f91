namespace Testbed.Twin.Elmo.Model;

public sealed partial class ElmoDrive
{
    /// <summary>The control API's "put the axis here": the main position becomes <paramref name="counts"/> whatever the motor state and
    /// the PX policy; the reference moves with it (no jump, no following error) and PA is unchanged.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside the modulo range XM[1] … XM[2].</exception>
    public void PlaceAt(long counts)
    {
        lock (_gate)
        {
            var s = Current();
            if (counts < Parameters.Modulo[1] || counts >= Parameters.Modulo[2])
                throw new ArgumentOutOfRangeException(nameof(counts), counts, $"{counts} counts is outside the drive's position range {Parameters.Modulo[1]} … {Parameters.Modulo[2] - 1}");
            _trajectory = _trajectory.Shift(counts - s.Actual);
        }
    }

    /// <summary>True while <paramref name="input"/> is active now: forced by <see cref="SetInput"/> or, for the limit and home switches, where the axis is.</summary>
    public bool IsInputActive(ElmoInput input)
    {
        lock (_gate) return (ActiveFunctions(Current().Actual) & (1 << (int)input)) != 0;
    }

    /// <summary>True while <paramref name="input"/> is forced active by <see cref="SetInput"/> (not by the axis position).</summary>
    public bool IsInputForced(ElmoInput input)
    {
        lock (_gate) return InputActive(input);
    }
}
