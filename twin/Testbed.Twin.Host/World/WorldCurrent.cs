using Testbed.Twin.Keithley.Model;
using Testbed.Twin.World;

namespace Testbed.Twin.Host.World;

/// <summary>A picoammeter's input from a world signal: <c>amperes</c> at full beam times the signal's mean over the conversion window, plus a dark current.</summary>
public sealed class WorldCurrent(BeamlineWorld world, string signal, double amperes, double dark) : ICurrentSource
{
    public string Signal => signal;

    public double MeanCurrent(DateTimeOffset start, TimeSpan duration) => dark + amperes * world.MeanSignal(signal, start, duration);
}
