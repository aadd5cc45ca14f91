namespace Testbed.Cli.Shell;

/// <summary>The exit status of every <c>testbed</c> command (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Started, then failed at run time (a device, Redis, a file).</summary>
    public const int Failure = 1;

    /// <summary>Refused before doing anything: a bad option, argument or beamline file.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl-C / SIGINT (128 + 2, as shells report it).</summary>
    public const int Interrupted = 130;
}
