using Testbed.Scans.Client;

namespace Testbed.Demo.Stack;

/// <summary>How the main job ended: the outcome, a one-line message, the scan as the client saw it, the detector files and the plots written.</summary>
public sealed record StackDemoResult(DemoOutcome Outcome, string Message, ScanResult? Scan = null,
    IReadOnlyList<string>? DetectorFiles = null, IReadOnlyList<string>? Plots = null);
