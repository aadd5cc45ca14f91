using Testbed.Twin.Metrics;

namespace Testbed.Twin.Host.Control;

/// <summary>A device in the list: what it is and where its device protocol listens.</summary>
public sealed record DeviceSummary(string Name, string Kind, string Address, string Description);

/// <summary>A device's simulated state now and the keys that can be set.</summary>
public sealed record DeviceReport(string Name, string Kind, string Address, IReadOnlyDictionary<string, object?> State, IReadOnlyList<string> Settable);

/// <summary>The simulation clock: virtual time since the twin started, whether it stands still, its rate, and its virtual wall time.</summary>
public sealed record ClockReport(double ElapsedSeconds, bool Paused, double Rate, DateTimeOffset Now, int PendingTimers);

/// <summary>The requests one endpoint served on its device protocol.</summary>
public sealed record EndpointMetricsReport(string Name, string Kind, string Address, MetricsSnapshot Metrics);
