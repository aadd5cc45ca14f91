using System.Globalization;
using Testbed.Beamline;

namespace Testbed.Scenarios.Running;

/// <summary>The scenario's private copy of its beamline file, in the run's own folder: relative paths (detector data, pty links) then land
/// there, and the scenario's seed is added to every seed the file gives.</summary>
internal static class BeamlineCopy
{
    /// <summary>Seeds a beamline file may give: the world's <c>seed</c>, a twin block's <c>seed</c> or <c>noise_seed</c>.</summary>
    private static readonly string[] SeedKeys = ["seed", "noise_seed"];

    public static BeamlineConfig Write(BeamlineConfig original, long? seed, string folder)
    {
        var text = seed is { } s and not 0 ? original.Rewrite(Seeds(original).Select(n => (n, (n.AsLong() + s).ToString(CultureInfo.InvariantCulture)))) : original.Text;
        var path = Path.Combine(folder, Path.GetFileName(original.Source));
        File.WriteAllText(path, text);
        return BeamlineConfig.Load(path);
    }

    private static IEnumerable<ConfigNode> Seeds(BeamlineConfig config)
    {
        foreach (var c in config.Controllers)
        {
            foreach (var key in SeedKeys)
            {
                if (c.Node.Get(key) is { IsScalar: true } top) yield return top;
                if (c.Node.Get("twin") is { IsMapping: true } twin && twin.Get(key) is { IsScalar: true } inTwin) yield return inTwin;
            }
        }
    }
}
