using Testbed.Twin.World;

namespace Testbed.Twin.Host.World;

/// <summary>The axes of the twin's drives, by name, as the world reads them: each registered by its family's factory with a
/// function giving its user position (e.g. sign · counts / steps_per_unit + offset of the beamline file).</summary>
public sealed class AxisPositions : IAxisPositions
{
    private readonly Dictionary<string, Func<double>> _axes = new(StringComparer.Ordinal);
    private readonly List<(string Axis, Testbed.Beamline.ConfigNode Where)> _expected = [];

    public IReadOnlyCollection<string> Axes => _axes.Keys;

    /// <summary>Adds an axis; a second axis of the same name is a bug in the beamline file's checks, so it throws.</summary>
    public void Add(string axis, Func<double> position) => _axes.Add(axis, position);

    /// <summary>Records that the entry at <paramref name="where"/> reads <paramref name="axis"/>; <see cref="CheckExpected"/> refuses it once every drive is built if none has it.</summary>
    public void Expect(string axis, Testbed.Beamline.ConfigNode where) => _expected.Add((axis, where));

    /// <summary>Throws a configuration error naming the first expected axis no drive has.</summary>
    public void CheckExpected()
    {
        foreach (var (axis, where) in _expected)
            if (!_axes.ContainsKey(axis))
                throw where.Error(null, $"no drive of the beamline has axis '{axis}'; axes: {string.Join(", ", _axes.Keys)}");
    }

    public double Position(string axis) =>
        _axes.TryGetValue(axis, out var position) ? position() : throw new ArgumentException($"no axis '{axis}'; axes: {string.Join(", ", _axes.Keys)}", nameof(axis));
}
