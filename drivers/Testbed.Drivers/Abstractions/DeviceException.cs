namespace Testbed.Drivers.Abstractions;

/// <summary>A device did not do what was asked: names the device, its address, the command, and the last bytes seen.</summary>
public sealed class DeviceException(string device, string address, string? command, string problem, string? lastBytes, string advice, Exception? inner = null)
    : DriverException(device, Format(device, address, command, problem, lastBytes, advice), inner)
{
    public string Device { get; } = device;

    public string DeviceAddress { get; } = address;

    public string? Command { get; } = command;

    public string Problem { get; } = problem;

    /// <summary>The most recent bytes received on the line, escaped (e.g. <c>"+1.0E-9A\n"</c>), or null if none.</summary>
    public string? LastBytes { get; } = lastBytes;

    private static string Format(string device, string address, string? command, string problem, string? lastBytes, string advice) =>
        $"{device} at {address}: " + (command is null ? "" : $"command '{command}': ") + problem +
        $"; last bytes received: {lastBytes ?? "(none)"}. " + (advice.Length > 0 ? char.ToUpperInvariant(advice[0]) + advice[1..] : "");
}
