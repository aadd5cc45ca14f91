namespace Testbed.Writer.Nexus;

/// <summary>The scan's file cannot be written without harming an existing one; the message says which and what to do.</summary>
public sealed class ScanFileRefusedException(string message) : IOException(message);
