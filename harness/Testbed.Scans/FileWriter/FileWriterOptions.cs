using Testbed.Scans.Bus;

namespace Testbed.Scans.FileWriter;

/// <summary>Settings of the file writer stand-in.</summary>
public sealed record FileWriterOptions : BecServiceOptions
{
    /// <summary>After <c>closed</c>, how long to wait for the last scan segments (they come up to 0.1 s after the status).</summary>
    public TimeSpan SegmentWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After <c>aborted</c>/<c>halted</c>, how long to collect late segments before writing (the number of points is unknown).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromMilliseconds(300);
}
