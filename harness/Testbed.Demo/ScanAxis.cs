using Testbed.Beamline;
using Testbed.Drivers.Elmo;

namespace Testbed.Demo;

/// <summary>The axis a demo scans: the one asked for, or the beamline file's first Elmo axis.</summary>
public static class ScanAxis
{
    /// <summary>The axis name, or the refusal to show (no axis in the file, or an unknown one with the nearest name).</summary>
    public static (string? Axis, string? Refusal) Choose(BeamlineConfig config, string? asked)
    {
        ArgumentNullException.ThrowIfNull(config);
        var axes = config.OfClass(ElmoConfig.Classes).SelectMany(c => c.Axes).Select(a => a.String("name") ?? "").ToList();
        if (axes.Count == 0) return (null, $"{config.Source} has no elmo axis to scan");
        var axis = asked ?? axes[0];
        if (axes.Contains(axis)) return (axis, null);
        return (null, $"no axis '{axis}' in {config.Source}" +
            (Spelling.Nearest(axis, axes) is { } hint ? $"; did you mean '{hint}'?" : "") + $" (axes: {string.Join(", ", axes)})");
    }
}
