namespace Testbed.Twin.Elmo.Model;

/// <summary>Plans reference phases (duration, acceleration) for PTP, jog and stop motions from any current position and velocity.</summary>
internal static class ProfilePlanner
{
    private const double Epsilon = 1e-9;

    /// <summary>Trapezoidal (or triangular) move to <paramref name="target"/>: cruise at <paramref name="vmax"/>, accelerate at <paramref name="acc"/>, decelerate at <paramref name="dec"/>.</summary>
    /// <remarks>A running motion is continued smoothly: moving away or too fast to stop in time first brakes at <paramref name="dec"/>.</remarks>
    public static List<(double Duration, double Accel)> PointToPoint(double p, double v, double target, double vmax, double acc, double dec)
    {
        var phases = new List<(double, double)>();
        vmax = Math.Max(vmax, Epsilon);
        for (var guard = 0; guard < 8; guard++)
        {
            var d = target - p;
            if (Math.Abs(d) < Epsilon && Math.Abs(v) < Epsilon) break;
            var s = d > 0 || (d == 0 && v < 0) ? 1.0 : -1.0;
            var u = s * v;
            var dist = Math.Abs(d);
            if (u < -Epsilon)
            {
                Add(phases, ref p, ref v, -u / dec, s * dec);
                continue;
            }
            u = Math.Max(u, 0);
            if (u * u / (2 * dec) > dist + 1e-6)
            {
                Add(phases, ref p, ref v, u / dec, -s * dec);
                continue;
            }
            if (u > vmax + Epsilon)
            {
                Add(phases, ref p, ref v, (u - vmax) / dec, -s * dec);
                continue;
            }
            var peak = Math.Sqrt((dist + u * u / (2 * acc)) * 2 * acc * dec / (acc + dec));
            if (peak > vmax)
            {
                var d1 = (vmax * vmax - u * u) / (2 * acc);
                var d3 = vmax * vmax / (2 * dec);
                Add(phases, ref p, ref v, (vmax - u) / acc, s * acc);
                Add(phases, ref p, ref v, Math.Max(0, dist - d1 - d3) / vmax, 0);
                Add(phases, ref p, ref v, vmax / dec, -s * dec);
            }
            else
            {
                peak = Math.Max(peak, u);
                Add(phases, ref p, ref v, (peak - u) / acc, s * acc);
                Add(phases, ref p, ref v, peak / dec, -s * dec);
            }
            break;
        }
        return phases;
    }

    /// <summary>Ramp the velocity to <paramref name="target"/>: speeding up at <paramref name="acc"/>, slowing down (and through zero) at <paramref name="dec"/>.</summary>
    public static List<(double Duration, double Accel)> Velocity(double v, double target, double acc, double dec)
    {
        var phases = new List<(double, double)>();
        var p = 0.0;
        if (v != 0 && Math.Sign(v) != Math.Sign(target))
            Add(phases, ref p, ref v, Math.Abs(v) / dec, -Math.Sign(v) * dec);
        if (Math.Abs(target) > Math.Abs(v))
            Add(phases, ref p, ref v, (Math.Abs(target) - Math.Abs(v)) / acc, Math.Sign(target) * acc);
        else if (Math.Abs(target) < Math.Abs(v))
            Add(phases, ref p, ref v, (Math.Abs(v) - Math.Abs(target)) / dec, -Math.Sign(v) * dec);
        return phases;
    }

    /// <summary>Brake to rest at <paramref name="dec"/>.</summary>
    public static List<(double Duration, double Accel)> Stop(double v, double dec) => Velocity(v, 0, dec, dec);

    private static void Add(List<(double, double)> phases, ref double p, ref double v, double duration, double accel)
    {
        if (!(duration > 0)) return;
        phases.Add((duration, accel));
        p += v * duration + 0.5 * accel * duration * duration;
        v += accel * duration;
    }
}
