namespace Testbed.Dashboard.Live;

/// <summary>A scan's state as the page shows it: state name, planned points, end reason (once CLOSED).</summary>
public sealed record StateEvent(string Key, string State, long? Npoints, string? EndReason, string? Title);

/// <summary>New points of one stream: values [Index, Index + Values.Count); NaN and ±∞ are sent as null.</summary>
public sealed record PointsEvent(string Stream, long Index, IReadOnlyList<double?> Values);

/// <summary>Progress of a detector stream: last frame acquired and last frame saved to a file (−1: none).</summary>
public sealed record FrameEvent(string Stream, long LastIndex, long LastSaved);
