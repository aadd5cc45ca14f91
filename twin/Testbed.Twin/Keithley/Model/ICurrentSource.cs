namespace Testbed.Twin.Keithley.Model;

/// <summary>The current flowing into the picoammeter input, as a function of simulated time.</summary>
/// <remarks>A conversion integrates it over the NPLC window, so a source only needs its mean over an interval.</remarks>
public interface ICurrentSource
{
    /// <summary>Mean current in amperes over [<paramref name="start"/>, <paramref name="start"/> + <paramref name="duration"/>].</summary>
    double MeanCurrent(DateTimeOffset start, TimeSpan duration);
}

/// <summary>A constant input current.</summary>
public sealed class ConstantCurrent(double amperes) : ICurrentSource
{
    public double Amperes { get; set; } = amperes;

    public double MeanCurrent(DateTimeOffset start, TimeSpan duration) => Amperes;
}

/// <summary>An input current given as a function of simulated seconds since <paramref name="origin"/>, averaged by Simpson's rule.</summary>
public sealed class FunctionCurrent(Func<double, double> amperesAt, DateTimeOffset origin) : ICurrentSource
{
    private const int Intervals = 16;

    public double MeanCurrent(DateTimeOffset start, TimeSpan duration)
    {
        var t0 = (start - origin).TotalSeconds;
        var span = duration.TotalSeconds;
        if (span <= 0) return amperesAt(t0);
        var h = span / Intervals;
        var sum = amperesAt(t0) + amperesAt(t0 + span);
        for (var i = 1; i < Intervals; i++) sum += amperesAt(t0 + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3 / span;
    }

    /// <summary>offset + amplitude·sin(2πt/period).</summary>
    public static FunctionCurrent Sine(double offset, double amplitude, double periodSeconds, DateTimeOffset origin) =>
        new(t => offset + amplitude * Math.Sin(2 * Math.PI * t / periodSeconds), origin);
}
