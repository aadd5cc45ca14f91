using MathNet.Numerics;

namespace Testbed.Twin.World;

/// <summary>How a sample (or a crystal) answers along one or two axes: a shape with centre, width, height and background.</summary>
/// <param name="Shape">The profile.</param>
/// <param name="Axes">One axis (two for <see cref="ResponseShape.Map"/>).</param>
/// <param name="Centre">Peak centre, step or edge position (user units of the axis).</param>
/// <param name="Width">Gaussian σ, Lorentzian half width, edge width (user units); must be positive.</param>
/// <param name="Height">Value added at the peak (Gaussian, Lorentzian, Map), or above the background after the step/edge.</param>
/// <param name="Background">Value far from the peak, or before the step/edge.</param>
/// <param name="Peaks">The peaks of a <see cref="ResponseShape.Map"/>: centre on each axis, σ and height.</param>
public sealed record Response(ResponseShape Shape, IReadOnlyList<string> Axes, double Centre, double Width, double Height, double Background,
    IReadOnlyList<MapPeak>? Peaks = null)
{
    /// <summary>The response at the axes' <paramref name="position"/>s (user units).</summary>
    public double At(Func<string, double> position)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (Shape == ResponseShape.Map)
        {
            var (x, y) = (position(Axes[0]), position(Axes[1]));
            var sum = Background;
            foreach (var p in Peaks ?? [])
                sum += p.Height * Math.Exp(-((x - p.X) * (x - p.X) + (y - p.Y) * (y - p.Y)) / (2 * p.Sigma * p.Sigma));
            return sum;
        }
        var u = (position(Axes[0]) - Centre) / Width;
        return Shape switch
        {
            ResponseShape.Gaussian => Background + Height * Math.Exp(-u * u / 2),
            ResponseShape.Lorentzian => Background + Height / (1 + u * u),
            ResponseShape.Step => Background + (u >= 0 ? Height : 0),
            ResponseShape.Edge => Background + Height * 0.5 * (1 + SpecialFunctions.Erf(u / Math.Sqrt(2))),
            _ => Background,
        };
    }
}

/// <summary>Profiles a <see cref="Response"/> can have.</summary>
public enum ResponseShape
{
    /// <summary>Background + height·exp(−u²/2), u = (x − centre)/σ.</summary>
    Gaussian,

    /// <summary>Background + height/(1 + u²), u = (x − centre)/half width (a rocking curve).</summary>
    Lorentzian,

    /// <summary>Background below the centre, background + height from it on.</summary>
    Step,

    /// <summary>A step smoothed by a Gaussian of σ = width (an absorption edge, a knife edge).</summary>
    Edge,

    /// <summary>A 2-D map over two axes: background + a sum of Gaussian peaks.</summary>
    Map,
}

/// <summary>One Gaussian peak of a 2-D map.</summary>
public sealed record MapPeak(double X, double Y, double Sigma, double Height);
