namespace Testbed.Cli.Shell;

/// <summary>A request refused before anything ran (an option out of range, a wrong address); exit status 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
