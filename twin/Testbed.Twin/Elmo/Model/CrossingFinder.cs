namespace Testbed.Twin.Elmo.Model;

/// <summary>A level that fires an event when it rises through zero between two instants (e.g. PX − FlsPos).</summary>
/// <remarks><paramref name="from"/> is the state at the start of the searched interval, so periodic levels (index pulses) can pick their next pulse.</remarks>
internal delegate double WatchLevel(in MotionState state, in MotionState from);

/// <summary>Finds the first instant a watched level rises through zero along a <see cref="Trajectory"/>.</summary>
/// <remarks>
/// Within a segment the lagged position has at most two extrema (the exponential transient and the polynomial's
/// turning point), so sampling the transient every τ/2 for 10τ, plus the turning point and the ends, brackets every
/// crossing; each bracket is then bisected to well below a microsecond.
/// </remarks>
internal static class CrossingFinder
{
    public static (double Time, int Watch)? First(Trajectory trajectory, double from, double to, IReadOnlyList<WatchLevel> watches)
    {
        if (watches.Count == 0 || !(to > from)) return null;
        var origin = trajectory.At(from);
        var previous = origin;
        foreach (var t in SamplePoints(trajectory, from, to))
        {
            var current = trajectory.At(t);
            (double Time, int Watch)? best = null;
            for (var w = 0; w < watches.Count; w++)
            {
                var anchor = previous;
                if (watches[w](previous, anchor) < 0 && watches[w](current, anchor) >= 0)
                {
                    var hit = Bisect(trajectory, watches[w], previous, current);
                    if (best is null || hit < best.Value.Time) best = (hit, w);
                }
            }
            if (best is not null) return best;
            previous = current;
        }
        return null;
    }

    private static double Bisect(Trajectory trajectory, WatchLevel level, MotionState lo, MotionState hi)
    {
        var anchor = lo;
        double a = lo.Time, b = hi.Time;
        for (var i = 0; i < 80 && b - a > 1e-10; i++)
        {
            var mid = 0.5 * (a + b);
            if (level(trajectory.At(mid), anchor) >= 0) b = mid; else a = mid;
        }
        return b;
    }

    private static IEnumerable<double> SamplePoints(Trajectory trajectory, double from, double to)
    {
        var tau = trajectory.Tau;
        foreach (var seg in trajectory.Segments)
        {
            var start = Math.Max(seg.T0, from);
            var end = Math.Min(seg.T1, to);
            if (!(end > start)) continue;
            var points = new SortedSet<double> { end };
            if (tau > 0)
            {
                var step = tau / 2;
                var transientEnd = Math.Min(end, seg.T0 + 10 * tau);
                var first = Math.Ceiling((start - seg.T0) / step);
                for (var k = Math.Max(1, first); seg.T0 + k * step < transientEnd; k++)
                    if (seg.T0 + k * step > start) points.Add(seg.T0 + k * step);
            }
            if (seg.A != 0)
            {
                // Turning point of the polynomial part of x(t): r'(t) − τ·a = 0.
                var turn = seg.T0 + tau - seg.V0 / seg.A;
                if (turn > start && turn < end) points.Add(turn);
                var refTurn = seg.T0 - seg.V0 / seg.A;
                if (refTurn > start && refTurn < end) points.Add(refTurn);
            }
            foreach (var p in points) yield return p;
        }
    }
}
