namespace Testbed.Bench.Results;

/// <summary>One repetition of one case: the measured value and, when the case has one, the raw reference measured in the same repetition.</summary>
/// <param name="Value">What was measured, in the case's unit (a rate: higher is faster; or a latency).</param>
/// <param name="Reference">The raw reference in the same unit, or null for a case judged on its value alone.</param>
public readonly record struct Measurement(double Value, double? Reference = null)
{
    /// <summary>Value over reference (NaN without a reference or with a zero one).</summary>
    public double Ratio => Reference is { } r && r != 0 ? Value / r : double.NaN;
}
