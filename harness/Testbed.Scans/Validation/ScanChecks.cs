using System.Globalization;

namespace Testbed.Scans.Validation;

/// <summary>The checks every scan runs before anything moves; each failure is a <see cref="ScanParameterException"/> in the user's terms.</summary>
public static class ScanChecks
{
    /// <summary>A number of points (or steps, or frames) of at least one.</summary>
    public static void Points(string scan, string what, long points)
    {
        if (points < 1) throw new ScanParameterException($"{scan}: {what} must be at least 1, not {points}; nothing moved");
    }

    /// <summary>A finite position or interval.</summary>
    public static void Finite(string scan, string what, double value)
    {
        if (!double.IsFinite(value))
            throw new ScanParameterException($"{scan}: {what} {Format(value)} is not a finite number; nothing moved");
    }

    /// <summary>A positive, finite count (exposure) time.</summary>
    public static void CountTime(string scan, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds <= 0)
            throw new ScanParameterException($"{scan}: the count time must be a positive number of seconds, not {Format(seconds)}; nothing moved");
    }

    /// <summary>A non-negative, finite waiting time (settling, sleep).</summary>
    public static void Wait(string scan, string what, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
            throw new ScanParameterException($"{scan}: {what} must be zero or a positive number of seconds, not {Format(seconds)}; nothing moved");
    }

    /// <summary>
    /// Every position <paramref name="axis"/> will be sent to, starting at <paramref name="current"/> and visiting <paramref name="targets"/>
    /// in order, lies inside its software limits — the backlash legs included.
    /// </summary>
    public static void Path(string scan, AxisRange axis, double current, IEnumerable<double> targets)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(targets);
        var list = targets as IReadOnlyList<double> ?? [.. targets];
        // The farthest point outside the limits is what the user asked for (e.g. the end); name it rather than the first one past.
        var outside = list.Where(t => double.IsFinite(t) && !axis.Contains(t)).Select(t => (double?)t)
            .MaxBy(t => Math.Max(axis.Low - t!.Value, t.Value - axis.High));
        var from = current;
        foreach (var target in outside is { } worst ? [worst] : list)
        {
            Finite(scan, $"the position of {axis.Name}", target);
            foreach (var (position, backlash) in axis.Legs(from, target))
            {
                if (axis.Contains(position)) continue;
                var limits = $"the soft limits of {axis.Name} ({Format(axis.Low)} … {Format(axis.High)}{Unit(axis)})";
                throw new ScanParameterException(backlash
                    ? $"{scan}: the move of {axis.Name} to {Format(target)}{Unit(axis)} has a backlash leg to {Format(position)}{Unit(axis)}, outside {limits}; " +
                      $"nothing moved; keep the scan {Format(Math.Abs(axis.Backlash))}{Unit(axis)} (the backlash) inside the limit"
                    : $"{scan}: {axis.Name} would go to {Format(target)}{Unit(axis)}, outside {limits}; nothing moved; " +
                      "choose positions inside the limits (or change low_limit/high_limit in the beamline file)");
            }
            from = target;
        }
    }

    private static string Unit(AxisRange axis) => axis.Unit.Length > 0 ? " " + axis.Unit : "";

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
