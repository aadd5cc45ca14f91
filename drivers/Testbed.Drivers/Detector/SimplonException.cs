using Testbed.Drivers.Abstractions;

namespace Testbed.Drivers.Detector;

/// <summary>A SIMPLON request that failed: names the device, method, URL, HTTP status and the detector's own message.</summary>
public sealed class SimplonRequestException(string message, int? status = null, Exception? inner = null) : DriverException(null, message, inner)
{
    /// <summary>HTTP status, or null when no reply came.</summary>
    public int? Status { get; } = status;
}
