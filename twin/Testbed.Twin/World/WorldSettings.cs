namespace Testbed.Twin.World;

/// <summary>A small beamline: a source, slits before the sample, the sample's response along its axes, a rocking curve on a rotation.</summary>
/// <param name="Source">The source's intensity over time.</param>
/// <param name="Slits">The slit pair before the sample, or null (fully open).</param>
/// <param name="Sample">Factors of the sample's response (multiplied), e.g. a peak along tx and an edge along ty.</param>
/// <param name="Rocking">Factors of the crystal's response on a rotation (multiplied), e.g. a Lorentzian on rot.</param>
/// <remarks>Signals (relative to the source's nominal intensity): <c>source</c>; <c>i0</c> = source · slits (a monitor before the
/// sample); <c>transmitted</c> = i0 · sample (a diode behind it); <c>diffracted</c> = transmitted · rocking.</remarks>
public sealed record WorldSettings(SourceSettings Source, Slits? Slits, IReadOnlyList<Response> Sample, IReadOnlyList<Response> Rocking)
{
    /// <summary>The signals a device can see, in dependency order.</summary>
    public static IReadOnlyList<string> Signals { get; } = ["source", "i0", "transmitted", "diffracted"];

    /// <summary>A world with a steady, full beam and no sample: every signal is 1.</summary>
    public static WorldSettings Empty { get; } = new(new SourceSettings(), null, [], []);

    /// <summary>Every axis the world reads.</summary>
    public IEnumerable<string> Axes =>
        Sample.Concat(Rocking).SelectMany(r => r.Axes)
            .Concat(new[] { Slits?.Gap.Axis, Slits?.Offset.Axis }.OfType<string>())
            .Distinct(StringComparer.Ordinal);
}
