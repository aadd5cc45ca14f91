namespace Testbed.Twin.World;

/// <summary>Where the simulated axes are, read from the drive models (not from the wire), in user units of the beamline file.</summary>
public interface IAxisPositions
{
    /// <summary>The axes known, by name.</summary>
    IReadOnlyCollection<string> Axes { get; }

    /// <summary>The axis's position now (user units: sign · counts / steps_per_unit + offset).</summary>
    double Position(string axis);
}
