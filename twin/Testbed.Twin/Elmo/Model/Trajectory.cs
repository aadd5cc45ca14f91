namespace Testbed.Twin.Elmo.Model;

/// <summary>A piecewise constant-acceleration position reference, with the actual position following it through a first-order lag, evaluated in closed form.</summary>
/// <remarks>
/// For r(s) = p + v·s + a·s²/2 and x' = (r − x)/τ the exact solution is x(s) = r(s) − τ·r'(s) + τ²·a + (x₀ − (p − τ·v + τ²·a))·e^(−s/τ),
/// so any instant can be evaluated without stepping. The last segment always lasts forever (a hold or a cruise).
/// </remarks>
internal sealed class Trajectory
{
    private readonly ProfileSegment[] _segments;

    private Trajectory(ProfileSegment[] segments, double tau, double profilerEnd)
    {
        _segments = segments;
        Tau = tau;
        ProfilerEnd = profilerEnd;
    }

    /// <summary>Lag time constant (s).</summary>
    public double Tau { get; }

    /// <summary>When the finite phases end (the reference is at rest from then on, or cruising forever: +∞).</summary>
    public double ProfilerEnd { get; }

    public IReadOnlyList<ProfileSegment> Segments => _segments;

    /// <summary>The final, infinite segment.</summary>
    public ProfileSegment Last => _segments[^1];

    /// <summary>Builds a trajectory from <paramref name="start"/> through <paramref name="phases"/> (duration s, acceleration); then holds, or cruises when <paramref name="cruise"/>.</summary>
    public static Trajectory Build(MotionState start, double tau, IReadOnlyList<(double Duration, double Accel)> phases, bool cruise, double? finalReference = null)
    {
        var list = new List<ProfileSegment>(phases.Count + 1);
        var s = start;
        foreach (var (duration, accel) in phases)
        {
            if (!(duration > 0)) continue;
            var seg = new ProfileSegment(s.Time, s.Time + duration, s.Reference, s.Velocity, accel, s.Actual);
            list.Add(seg);
            s = Evaluate(seg, tau, seg.T1);
        }
        var end = s.Time;
        var velocity = cruise ? s.Velocity : 0;
        var reference = !cruise && finalReference is { } f ? f : s.Reference;
        list.Add(new ProfileSegment(end, double.PositiveInfinity, reference, velocity, 0, s.Actual));
        return new Trajectory([.. list], tau, cruise && velocity != 0 ? double.PositiveInfinity : end);
    }

    /// <summary>A reference at rest at <paramref name="reference"/> from <paramref name="start"/> on.</summary>
    public static Trajectory Hold(MotionState start, double tau, double reference) =>
        Build(start with { Velocity = 0, Reference = reference }, tau, [], cruise: false);

    public MotionState At(double t)
    {
        for (var i = _segments.Length - 1; i > 0; i--)
            if (t >= _segments[i].T0) return Evaluate(_segments[i], Tau, t);
        return Evaluate(_segments[0], Tau, t);
    }

    /// <summary>The same motion moved by <paramref name="delta"/> counts (homing and PX= re-base reference and actual together).</summary>
    public Trajectory Shift(double delta) =>
        new([.. _segments.Select(s => s with { P0 = s.P0 + delta, X0 = s.X0 + delta })], Tau, ProfilerEnd);

    public static MotionState Evaluate(in ProfileSegment seg, double tau, double t)
    {
        var s = Math.Max(0, t - seg.T0);
        var r = seg.P0 + seg.V0 * s + 0.5 * seg.A * s * s;
        var v = seg.V0 + seg.A * s;
        if (tau <= 0) return new MotionState(t, r, v, r);
        var particular = r - tau * v + tau * tau * seg.A;
        var particular0 = seg.P0 - tau * seg.V0 + tau * tau * seg.A;
        var x = particular + (seg.X0 - particular0) * Math.Exp(-s / tau);
        return new MotionState(t, r, v, x);
    }
}
