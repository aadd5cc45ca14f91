namespace Testbed.Scans.ScanServer.Guard;

/// <summary>A request the scan server does not accept: the message goes back to the client as RequestResponseMessage.message.</summary>
public sealed class RequestRefusedException(string message) : Exception(message);
