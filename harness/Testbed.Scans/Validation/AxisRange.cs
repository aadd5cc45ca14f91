using Testbed.Drivers.Abstractions;

namespace Testbed.Scans.Validation;

/// <summary>What a scan must know of an axis before it moves: software limits and backlash, in user units.</summary>
/// <param name="Name">Axis name, as errors name it.</param>
/// <param name="Unit">Engineering unit (may be empty).</param>
/// <param name="Low">Low software limit, user units (−∞ when none).</param>
/// <param name="High">High software limit, user units (+∞ when none).</param>
/// <param name="Backlash">Backlash, user units: a move against its sign first goes to <c>target − Backlash</c>.</param>
public sealed record AxisRange(string Name, string Unit, double Low, double High, double Backlash)
{
    public static AxisRange Of(IAxis axis)
    {
        ArgumentNullException.ThrowIfNull(axis);
        var (low, high) = axis.Limits;
        return new AxisRange(axis.Name, axis.Unit, low, high, axis.Backlash);
    }

    /// <summary>Where the motion from <paramref name="from"/> to <paramref name="to"/> goes: the backlash leg's end (if any), then the target.</summary>
    public IEnumerable<(double Position, bool BacklashLeg)> Legs(double from, double to)
    {
        if (Backlash != 0 && to != from && Math.Sign(to - from) != Math.Sign(Backlash)) yield return (to - Backlash, true);
        yield return (to, false);
    }

    public bool Contains(double position) => position >= Low && position <= High;
}
