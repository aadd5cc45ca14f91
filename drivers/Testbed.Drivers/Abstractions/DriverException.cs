namespace Testbed.Drivers.Abstractions;

/// <summary>The root of every driver failure (axis, counter, detector): services catch this one type and show its message, which
/// names the device, where it is, what failed and what to do.</summary>
public abstract class DriverException : Exception
{
    protected DriverException(string? device, string message, Exception? inner = null) : base(message, inner) => DeviceName = device;

    /// <summary>The device's name in the beamline file, when the driver knows it.</summary>
    public string? DeviceName { get; }
}
