using Testbed.Beamline;
using Testbed.Beamline.Faults;
using Testbed.Drivers.Elmo;

namespace Testbed.Scenarios.Loading;

/// <summary>The names a scenario may use, from its beamline file: axes, controllers (devices of the control API), with spelling hints.</summary>
internal sealed class Names(BeamlineConfig beamline)
{
    public BeamlineConfig Beamline { get; } = beamline;

    public IReadOnlyList<string> Axes { get; } =
        [.. beamline.OfClass(ElmoConfig.Classes).SelectMany(c => c.Axes).Select(a => a.String("name") ?? "").Where(n => n.Length > 0)];

    /// <summary>Devices the control API knows: the controllers (the world included).</summary>
    public IReadOnlyList<string> Devices { get; } =
        [.. beamline.Controllers.Where(c => !string.Equals(c.Class, FaultSchema.Class, StringComparison.OrdinalIgnoreCase)).Select(c => c.Name)];

    public string Axis(ConfigNode node) => Axis(node.AsString(), node);

    /// <summary><paramref name="name"/> if it is an axis; else an error at <paramref name="at"/>.</summary>
    public string Axis(string name, ConfigNode at)
    {
        if (Axes.Contains(name)) return name;
        throw at.Error(null, $"no axis '{name}' in {Beamline.Source}{Hint(name, Axes)}; axes: {string.Join(", ", Axes)}");
    }

    /// <summary>The controller the control API knows by <paramref name="node"/>'s name; an axis name stands for its drive's controller.</summary>
    public string Device(ConfigNode node)
    {
        var name = node.AsString();
        if (Devices.Contains(name)) return name;
        if (Beamline.Controllers.FirstOrDefault(c => c.Axes.Any(a => a.IsMapping && a.String("name") == name)) is { } drive) return drive.Name;
        var known = Devices.Concat(Axes).ToList();
        throw node.Error(null, $"no device '{name}' in {Beamline.Source}{Hint(name, known)}; devices: {string.Join(", ", known)}");
    }

    public static string Hint(string word, IEnumerable<string> known) => Spelling.Nearest(word, known) is { } h ? $" (did you mean '{h}'?)" : "";
}
