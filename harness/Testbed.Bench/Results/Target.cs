using System.Globalization;

namespace Testbed.Bench.Results;

/// <summary>What a case must reach: a ratio to its reference (<c>≥ 0.7× reference</c>) or a bound on its value (<c>p99 &lt; 1 ms</c>, <c>≥ 1 GB/s</c>).</summary>
public sealed record Target
{
    private Target(TargetKind kind, double threshold, string text)
    {
        if (!double.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "a target needs a finite threshold");
        Kind = kind;
        Threshold = threshold;
        Text = text;
    }

    public TargetKind Kind { get; }

    /// <summary>The bound: a ratio for <see cref="TargetKind.RatioAtLeast"/>, else a value in the case's unit.</summary>
    public double Threshold { get; }

    /// <summary>How the target is written in tables and verdict lines.</summary>
    public string Text { get; }

    /// <summary>True when the ratio to the reference is judged, false when the value itself is.</summary>
    public bool OnRatio => Kind == TargetKind.RatioAtLeast;

    /// <summary>value / reference ≥ <paramref name="ratio"/>.</summary>
    public static Target RatioAtLeast(double ratio) =>
        new(TargetKind.RatioAtLeast, ratio, string.Create(CultureInfo.InvariantCulture, $"≥ {ratio:0.##}× reference"));

    /// <summary>value ≥ <paramref name="threshold"/> (in the case's unit), written as <paramref name="text"/>, e.g. "≥ 1 GB/s".</summary>
    public static Target AtLeast(double threshold, string text) => new(TargetKind.AtLeast, threshold, text);

    /// <summary>value &lt; <paramref name="threshold"/> (in the case's unit), written as <paramref name="text"/>, e.g. "p99 &lt; 1 ms".</summary>
    public static Target Below(double threshold, string text) => new(TargetKind.Below, threshold, text);

    /// <summary>The verdict for <paramref name="judged"/> (the median ratio or value); no number (NaN) is never met.</summary>
    public Verdict Judge(double judged) => Kind switch
    {
        TargetKind.Below => judged < Threshold ? Verdict.Met : Verdict.NotMet,
        _ => judged >= Threshold ? Verdict.Met : Verdict.NotMet,
    };
}

/// <summary>The kinds of <see cref="Target"/>.</summary>
public enum TargetKind
{
    RatioAtLeast,
    AtLeast,
    Below,
}
