namespace Testbed.Twin.Keithley.Model;

/// <summary>The 6487's voltage source: ranges 10/50/500 V, level ±505 V, output on/off, interlock on the two high ranges.</summary>
public sealed class VoltageSource(bool interlockClosed)
{
    public static readonly IReadOnlyList<double> Ranges = [10, 50, 500];

    /// <summary>The largest level the instrument accepts on any range.</summary>
    public const double MaxLevel = 505;

    public double Range { get; private set; } = 10;

    /// <summary>The programmed level (clipped to the present range's limit).</summary>
    public double Level { get; private set; }

    public bool Enabled { get; private set; }

    public bool InterlockClosed { get; private set; } = interlockClosed;

    /// <summary>What the output actually delivers.</summary>
    public double Output => Enabled ? Level : 0;

    /// <summary>The level limit of <paramref name="range"/> (1 % over range).</summary>
    public static double Limit(double range) => range * 1.01;

    public void Reset()
    {
        Range = 10;
        Level = 0;
        Enabled = false;
    }

    /// <summary>Picks the smallest range ≥ |volts|; returns false when above 500 V.</summary>
    public bool TrySetRange(double volts)
    {
        foreach (var r in Ranges)
        {
            if (r < Math.Abs(volts) - 1e-9) continue;
            Range = r;
            Level = Math.Clamp(Level, -Limit(r), Limit(r));
            if (NeedsInterlock && !InterlockClosed) Enabled = false;
            return true;
        }
        return false;
    }

    public void SetLevel(double volts) => Level = Math.Clamp(volts, -Limit(Range), Limit(Range));

    /// <summary>Turns the output on or off; on a high range with the interlock open the output cannot be turned on.</summary>
    public bool TrySetEnabled(bool on)
    {
        if (on && NeedsInterlock && !InterlockClosed) return false;
        Enabled = on;
        return true;
    }

    /// <summary>Opening the interlock drops the output of the 50 V and 500 V ranges at once.</summary>
    public void SetInterlock(bool closed)
    {
        InterlockClosed = closed;
        if (!closed && NeedsInterlock) Enabled = false;
    }

    private bool NeedsInterlock => Range > 10;
}
