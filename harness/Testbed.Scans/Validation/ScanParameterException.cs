namespace Testbed.Scans.Validation;

/// <summary>A scan refused before anything moved: a parameter out of range, a position outside an axis's limits.</summary>
public sealed class ScanParameterException(string message) : Exception(message);
