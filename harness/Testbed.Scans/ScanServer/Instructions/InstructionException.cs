namespace Testbed.Scans.ScanServer.Instructions;

/// <summary>A device instruction did not complete: the device server answered <c>error</c>, or no acknowledgement came in time.</summary>
public class InstructionException(string message, string device, string action) : Exception(message)
{
    /// <summary>The device (or devices, comma-separated) the instruction was for.</summary>
    public string Device { get; } = device;

    public string Action { get; } = action;
}

/// <summary>The device server acknowledged with <c>status="error"</c>; the message is the driver's.</summary>
public sealed class InstructionFailedException(string message, string device, string action, string exceptionType, string driverMessage)
    : InstructionException(message, device, action)
{
    /// <summary>ErrorInfo.exception_type (the driver exception's class).</summary>
    public string ExceptionType { get; } = exceptionType;

    /// <summary>The compact (or full) error message as the device server gave it.</summary>
    public string DriverMessage { get; } = driverMessage;
}

/// <summary>No acknowledgement (or no completion) within the timeout.</summary>
public sealed class InstructionTimeoutException(string message, string device, string action) : InstructionException(message, device, action);
