namespace Testbed.Bench.Running;

/// <summary>A benchmark could not run or could not trust what it measured; the message says what, where and what to do.</summary>
public sealed class BenchException(string message, Exception? inner = null) : Exception(message, inner);
