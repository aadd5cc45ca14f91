using MathNet.Numerics;

namespace Testbed.Twin.World;

/// <summary>A slit pair in front of the sample: the fraction of a Gaussian beam of σ <see cref="BeamSigma"/> passing an opening of
/// <c>gap</c> centred at <c>offset</c>; each is an axis (its position) or a fixed number.</summary>
public sealed record Slits(WorldQuantity Gap, WorldQuantity Offset, double BeamSigma)
{
    public double Transmission(Func<string, double> position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var gap = Math.Max(0, Gap.Value(position));
        var offset = Offset.Value(position);
        var s = BeamSigma * Math.Sqrt(2);
        // The beam is centred on 0; the opening spans [offset - gap/2, offset + gap/2].
        return 0.5 * (SpecialFunctions.Erf((offset + gap / 2) / s) - SpecialFunctions.Erf((offset - gap / 2) / s));
    }
}

/// <summary>A number of the world that is either fixed or an axis's position (user units).</summary>
public sealed record WorldQuantity(double Fixed, string? Axis = null)
{
    public double Value(Func<string, double> position) => Axis is null ? Fixed : position(Axis);

    public static WorldQuantity Of(double value) => new(value);

    public static WorldQuantity OfAxis(string axis) => new(0, axis);
}
