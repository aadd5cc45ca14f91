using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Testbed.Scenarios.Model;

namespace Testbed.Scenarios.Checks;

/// <summary>The centre (and width) of a curve: a least-squares Gaussian or error-function edge on a flat background, or the centroid.</summary>
public static class CurveFit
{
    /// <summary>The fitted curve's centre and full width at half maximum (NaN for shapes without one).</summary>
    public readonly record struct Fitted(double Centre, double Fwhm);

    /// <summary>Fits <paramref name="y"/> against <paramref name="x"/>; throws <see cref="ScenarioCheckException"/> for too few points or no convergence.</summary>
    public static Fitted Fit(FitShape shape, double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ScenarioCheckException($"the motor has {x.Length} points and the channel {y.Length}; they cannot be fitted against each other");
        if (x.Length < 5) throw new ScenarioCheckException($"{x.Length} points are too few to fit; a fit needs 5 or more");
        return shape switch
        {
            FitShape.Centroid => new(Centroid(x, y), double.NaN),
            FitShape.Edge => Edge(x, y),
            _ => Gaussian(x, y),
        };
    }

    private static double Centroid(double[] x, double[] y)
    {
        var floor = y.Min();
        var weight = y.Sum(v => v - floor);
        if (weight <= 0) throw new ScenarioCheckException("the channel is flat: it has no centroid");
        return x.Zip(y).Sum(p => p.First * (p.Second - floor)) / weight;
    }

    private static Fitted Gaussian(double[] x, double[] y)
    {
        var (lo, hi) = (y.Min(), y.Max());
        var peak = Array.IndexOf(y, hi);
        var span = x.Max() - x.Min();
        // background, height, centre, sigma
        var p = Minimise((q, t) => q[0] + q[1] * Math.Exp(-Math.Pow(t - q[2], 2) / (2 * q[3] * q[3])), x, y, [lo, hi - lo, x[peak], span / 10]);
        var fwhm = 2 * Math.Sqrt(2 * Math.Log(2)) * Math.Abs(p[3]);
        return new(p[2], fwhm);
    }

    private static Fitted Edge(double[] x, double[] y)
    {
        var steepest = Enumerable.Range(1, y.Length - 1).MaxBy(i => Math.Abs(y[i] - y[i - 1]));
        var span = x.Max() - x.Min();
        // first level, step, centre, width
        var p = Minimise((q, t) => q[0] + q[1] * 0.5 * (1 + SpecialFunctions.Erf((t - q[2]) / (Math.Abs(q[3]) * Math.Sqrt(2) + 1e-300))), x, y,
            [y[0], y[^1] - y[0], (x[steepest] + x[steepest - 1]) / 2, span / 20]);
        return new(p[2], double.NaN);
    }

    // Currents of 1e-8 A and positions of 1e-3 mm would meet the minimiser's absolute tolerances long before the fit: the data are scaled
    // to about 1 first (x to [0, 1], y to [0, 1]) and the parameters scaled back.
    private static double[] Minimise(Func<double[], double, double> model, double[] x, double[] y, double[] guess)
    {
        var (x0, xs) = (x.Min(), Math.Max(x.Max() - x.Min(), double.Epsilon));
        var (y0, ys) = (y.Min(), Math.Max(y.Max() - y.Min(), double.Epsilon));
        double[] ToUnit(double[] p) => [(p[0] - y0) / ys, p[1] / ys, (p[2] - x0) / xs, p[3] / xs];
        double[] FromUnit(double[] q) => [q[0] * ys + y0, q[1] * ys, q[2] * xs + x0, q[3] * xs];
        var ux = x.Select(v => (v - x0) / xs).ToArray();
        var uy = y.Select(v => (v - y0) / ys).ToArray();
        var objective = ObjectiveFunction.NonlinearModel(
            (q, t) => Vector<double>.Build.Dense(t.Count, i => (model(FromUnit([.. q]), t[i] * xs + x0) - y0) / ys),
            Vector<double>.Build.DenseOfArray(ux), Vector<double>.Build.DenseOfArray(uy));
        try
        {
            var result = new LevenbergMarquardtMinimizer(maximumIterations: 2000).FindMinimum(objective, Vector<double>.Build.DenseOfArray(ToUnit(guess)));
            var p = FromUnit(result.MinimizingPoint.ToArray());
            if (p.Any(v => !double.IsFinite(v))) throw new ScenarioCheckException("the fit did not converge (non-finite parameters)");
            return p;
        }
        catch (MaximumIterationsException)
        {
            throw new ScenarioCheckException("the fit did not converge within 2000 iterations; is there a peak (or an edge) in the scanned range?");
        }
    }
}
