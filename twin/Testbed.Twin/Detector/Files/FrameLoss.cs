using Testbed.Twin.World;

namespace Testbed.Twin.Detector.Files;

/// <summary>Frames lost between the sensor and the file writer (a <c>dropped_frames</c> fault): each frame is lost with probability
/// <see cref="Fraction"/>, a seeded draw keyed by (device, frame index since the writer started), so a run replays the same losses.</summary>
/// <param name="device">The detector's name: keys the draw.</param>
/// <param name="fraction">0…1 of frames lost.</param>
/// <param name="cause">The fault that set it, for messages.</param>
/// <param name="seed">Seed of the draw.</param>
public sealed class FrameLoss(string device, double fraction, string? cause = null, long seed = 1)
{
    private readonly ulong _stream = SeededNoise.Stream(device + ".detector.dropped_frames");

    /// <summary>Fraction 0…1 of frames lost.</summary>
    public double Fraction { get; } = fraction is >= 0 and <= 1 ? fraction : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "a loss fraction is between 0 and 1");

    /// <summary>The fault that set it, or null.</summary>
    public string? Cause { get; } = cause;

    /// <summary>True when the frame with this index (counted since the writer started) is lost.</summary>
    public bool Loses(long index) => Fraction > 0 && SeededNoise.Uniform(seed, _stream, index) < Fraction;
}
