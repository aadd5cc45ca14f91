using Testbed.Beamline;

namespace Testbed.Drivers.Elmo;

/// <summary>Builds Elmo axes from a beamline file: one <see cref="ElmoAxis"/> per <c>class: elmo</c> controller.</summary>
public static class ElmoDriverFactory
{
    /// <summary>
    /// Every Elmo axis of <paramref name="beamline"/>, in file order. Nothing is sent until an axis is first used.
    /// <paramref name="adjust"/> may change settings the file cannot hold (e.g. a longer first-contact timeout on a loaded test machine).
    /// </summary>
    public static IReadOnlyList<ElmoAxis> CreateAxes(BeamlineConfig beamline, TimeProvider? time = null,
        Func<ElmoControllerSettings, ElmoControllerSettings>? adjust = null, TimeProvider? wireTime = null)
    {
        ArgumentNullException.ThrowIfNull(beamline);
        // Parse every entry first, so a configuration error leaves no socket behind.
        var entries = beamline.OfClass(ElmoConfig.Classes).Select(c => (Controller: ElmoConfig.Controller(c), Axis: ElmoConfig.Axis(c))).ToList();
        return entries.Select(e => new ElmoAxis(e.Axis, adjust?.Invoke(e.Controller) ?? e.Controller, time, wireTime)).ToList();
    }

    /// <summary>The Elmo axis called <paramref name="axisName"/>; a clear error when the file has none.</summary>
    public static ElmoAxis CreateAxis(BeamlineConfig beamline, string axisName, TimeProvider? time = null,
        Func<ElmoControllerSettings, ElmoControllerSettings>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(beamline);
        foreach (var c in beamline.OfClass(ElmoConfig.Classes))
            if (c.Axes.Count > 0 && c.Axes[0].String("name") == axisName)
            {
                var controller = ElmoConfig.Controller(c);
                return new ElmoAxis(ElmoConfig.Axis(c), adjust?.Invoke(controller) ?? controller, time);
            }
        throw new ConfigException(beamline.Source, null, $"no elmo axis named '{axisName}'; the elmo axes are: " +
            string.Join(", ", beamline.OfClass(ElmoConfig.Classes).SelectMany(c => c.Axes).Select(a => a.String("name"))));
    }
}
