using Testbed.Beamline;
using Testbed.Twin.World;

namespace Testbed.Twin.Host.World;

/// <summary>Reads the <c>class: world</c> entry of a beamline file into <see cref="WorldSettings"/> (every key listed once, file:line errors).</summary>
/// <remarks>
/// <code>
/// - class: world
///   name: world
///   seed: 1
///   source: {lifetime_h: 10, top_up_s: 600, noise: 0.001, noise_interval_s: 0.01}   # default: steady
///   slits: {gap: 0.5, offset: soff, beam_sigma: 0.2}     # each of gap/offset: a number or an axis name
///   sample:                                              # factors, multiplied
///     - {along: tx, shape: gaussian, centre: 0.3, width: 0.15, height: 0.9, background: 0.1}
///     - {along: ty, shape: edge, centre: 0, width: 0.05, height: 0.8, background: 0.2}
///     - {along: [tx, ty], shape: map, background: 0.05, peaks: [{x: 1, y: 1, sigma: 0.3, height: 1}]}
///   rocking:
///     - {along: rot, shape: lorentzian, centre: 0, width: 0.05, height: 1, background: 0.02}
/// </code>
/// BLISS never loads this entry (no object asks for it); the drivers skip its class.
/// </remarks>
public static class WorldTwinSettings
{
    /// <summary>The class name of the world entry.</summary>
    public const string Class = "world";

    private static readonly string[] Keys = ["class", "name", "seed", "source", "slits", "sample", "rocking"];
    private static readonly string[] SourceKeys = ["lifetime_h", "top_up_s", "noise", "noise_interval_s"];
    private static readonly string[] SlitKeys = ["gap", "offset", "beam_sigma"];
    private static readonly string[] ResponseKeys = ["along", "shape", "centre", "width", "height", "background", "peaks"];
    private static readonly string[] PeakKeys = ["x", "y", "sigma", "height"];
    private static readonly string[] Shapes = ["gaussian", "lorentzian", "step", "edge", "map"];

    public static WorldSettings Read(ControllerConfig entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var node = entry.Node;
        node.ExpectOnly(Keys);
        var seed = node.Long("seed", 1);
        return new WorldSettings(
            Source(node.Get("source"), seed),
            node.Get("slits") is { } slits ? Slits(slits) : null,
            [.. node.List("sample").Select(Response)],
            [.. node.List("rocking").Select(Response)]);
    }

    private static SourceSettings Source(ConfigNode? s, long seed)
    {
        if (s is null) return new SourceSettings(Seed: seed);
        s.ExpectOnly(SourceKeys);
        var lifetime = s.Double("lifetime_h") is { } h ? Positive(s, "lifetime_h", h) * 3600 : (double?)null;
        var topUp = s.Double("top_up_s") is { } t ? Positive(s, "top_up_s", t) : (double?)null;
        if (topUp is not null && lifetime is null) throw s.Error("top_up_s", "a top-up refills a decaying beam; give lifetime_h too");
        var noise = s.Double("noise", 0);
        if (noise is < 0 or > 1) throw s.Error("noise", $"{noise} is outside 0…1 (relative rms)");
        return new SourceSettings(
            lifetime is { } l ? TimeSpan.FromSeconds(l) : null,
            topUp is { } p ? TimeSpan.FromSeconds(p) : null,
            noise,
            s.Double("noise_interval_s") is { } i ? TimeSpan.FromSeconds(Positive(s, "noise_interval_s", i)) : null,
            seed);
    }

    private static Slits Slits(ConfigNode s)
    {
        s.ExpectOnly(SlitKeys);
        return new Slits(Quantity(s.Require("gap")), s.Get("offset") is { } o ? Quantity(o) : WorldQuantity.Of(0), Positive(s, "beam_sigma", s.RequireDouble("beam_sigma")));
    }

    // A number, or the name of an axis whose position it follows.
    private static WorldQuantity Quantity(ConfigNode n) =>
        double.TryParse(n.AsString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? WorldQuantity.Of(n.AsDouble())
            : WorldQuantity.OfAxis(n.AsString());

    private static Response Response(ConfigNode r)
    {
        r.ExpectOnly(ResponseKeys);
        var shape = Enum.Parse<ResponseShape>(r.Require("shape").AsChoice(Shapes), ignoreCase: true);
        var along = r.Require("along");
        IReadOnlyList<string> axes = along.IsSequence ? [.. along.Items().Select(a => a.AsString())] : [along.AsString()];
        if (shape == ResponseShape.Map)
        {
            if (axes.Count != 2) throw r.Error("along", "a map lies along two axes, e.g. along: [tx, ty]");
            var peaks = r.List("peaks").Select(p =>
            {
                p.ExpectOnly(PeakKeys);
                return new MapPeak(p.RequireDouble("x"), p.RequireDouble("y"), Positive(p, "sigma", p.RequireDouble("sigma")), p.Double("height", 1));
            }).ToList();
            return new Response(shape, axes, 0, 1, 0, r.Double("background", 0), peaks);
        }
        if (axes.Count != 1) throw r.Error("along", $"a {shape.ToString().ToLowerInvariant()} lies along one axis, e.g. along: tx");
        if (r.Get("peaks") is not null) throw r.Error("peaks", "only a map has peaks");
        return new Response(shape, axes, r.Double("centre", 0), Positive(r, "width", r.Double("width", 1)), r.Double("height", 1), r.Double("background", 0));
    }

    private static double Positive(ConfigNode n, string key, double value) =>
        value > 0 ? value : throw n.Error(key, $"{key} must be positive, not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
