namespace Testbed.Twin.World;

/// <summary>The beam delivered by the source, relative to its nominal intensity: decay with a lifetime, periodic top-up, noise,
/// and what faults impose (a beam loss, an intensity drop, a top-up) — a function of virtual time.</summary>
/// <param name="Lifetime">Beam lifetime (exponential decay); null = none.</param>
/// <param name="TopUpPeriod">Top-up every so often, back to 1; null = none (decay runs on).</param>
/// <param name="Noise">Relative rms noise, drawn per <see cref="NoiseInterval"/> of virtual time from a seeded stream.</param>
/// <param name="NoiseInterval">Correlation time of the noise.</param>
/// <param name="Seed">Seed of the noise stream.</param>
public sealed record SourceSettings(TimeSpan? Lifetime = null, TimeSpan? TopUpPeriod = null, double Noise = 0, TimeSpan? NoiseInterval = null, long Seed = 1)
{
    /// <summary>True when the intensity never changes by itself (no decay, no noise): readings then depend on positions and sample indices only.</summary>
    public bool IsSteady => Lifetime is null && Noise == 0;
}

/// <summary>The source's relative intensity over virtual time, with the overlays faults set.</summary>
public sealed class Source(SourceSettings settings)
{
    private static readonly ulong NoiseStream = SeededNoise.Stream("source.noise");
    private readonly object _gate = new();
    private readonly List<(TimeSpan From, TimeSpan To, double Factor)> _overlays = [];
    private readonly List<TimeSpan> _topUps = [];

    private double _level = 1;

    public SourceSettings Settings { get; } = settings;

    /// <summary>The beam's level relative to nominal (1), set through the control API (e.g. a ring at half current: 0.5); decay, noise
    /// and overlays apply on top of it.</summary>
    public double Level
    {
        get { lock (_gate) return _level; }
        set
        {
            if (!(value >= 0) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "the beam level is a finite number, zero or positive (1 = nominal)");
            lock (_gate) _level = value;
        }
    }

    /// <summary>Multiplies the intensity by <paramref name="factor"/> (0 = beam loss) from <paramref name="from"/> for <paramref name="duration"/> of virtual time.</summary>
    public void Overlay(TimeSpan from, TimeSpan duration, double factor)
    {
        if (!(factor >= 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "an intensity factor is zero or positive");
        lock (_gate) _overlays.Add((from, from + duration, factor));
    }

    /// <summary>Multiplies the intensity by <paramref name="factor"/> from <paramref name="from"/> until <see cref="End"/>; returns the overlay's handle.</summary>
    public int Begin(TimeSpan from, double factor)
    {
        if (!(factor >= 0)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "an intensity factor is zero or positive");
        lock (_gate)
        {
            _overlays.Add((from, TimeSpan.MaxValue, factor));
            return _overlays.Count - 1;
        }
    }

    /// <summary>Ends overlay <paramref name="overlay"/> at <paramref name="at"/>; the past keeps it, so a window integrated later still sees it.</summary>
    public void End(int overlay, TimeSpan at)
    {
        lock (_gate)
        {
            if (overlay < 0 || overlay >= _overlays.Count) return;
            var (from, to, factor) = _overlays[overlay];
            _overlays[overlay] = (from, at < to ? at : to, factor);
        }
    }

    /// <summary>A top-up injection at <paramref name="at"/>: the decay starts again from 1 there (beside the periodic top-ups); kept in the history.</summary>
    public void TopUp(TimeSpan at)
    {
        lock (_gate) _topUps.Add(at);
    }

    /// <summary>Removes every overlay (a fault cleared).</summary>
    public void ClearOverlays()
    {
        lock (_gate) _overlays.Clear();
    }

    /// <summary>The relative intensity at <paramref name="t"/> (virtual time since the world started).</summary>
    public double At(TimeSpan t)
    {
        var s = Settings;
        double value;
        lock (_gate) value = _level;
        if (s.Lifetime is { } life)
        {
            var since = s.TopUpPeriod is { } period && period > TimeSpan.Zero ? TimeSpan.FromTicks(t.Ticks % period.Ticks) : t;
            lock (_gate)
                foreach (var at in _topUps)
                    if (at <= t && t - at < since) since = t - at;
            value *= Math.Exp(-since.TotalSeconds / life.TotalSeconds);
        }
        if (s.Noise > 0)
        {
            var bucket = (long)Math.Floor(t.TotalSeconds / (s.NoiseInterval ?? TimeSpan.FromMilliseconds(10)).TotalSeconds);
            value *= Math.Max(0, 1 + s.Noise * SeededNoise.Normal(s.Seed, NoiseStream, bucket));
        }
        lock (_gate)
            foreach (var (from, to, factor) in _overlays)
                if (t >= from && t < to) value *= factor;
        return value;
    }

    /// <summary>The mean over [<paramref name="start"/>, <paramref name="start"/> + <paramref name="duration"/>] (Simpson's rule, 16 intervals).</summary>
    public double Mean(TimeSpan start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return At(start);
        const int n = 16;
        var h = duration / n;
        var sum = At(start) + At(start + duration);
        for (var i = 1; i < n; i++) sum += At(start + h * i) * (i % 2 == 1 ? 4 : 2);
        return sum / (3 * n);
    }
}
