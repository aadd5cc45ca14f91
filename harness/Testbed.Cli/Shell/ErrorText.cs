using Testbed.Beamline;

namespace Testbed.Cli.Shell;

/// <summary>How an error that reached the command line is told: one line, and the exit status it gives.</summary>
internal static class ErrorText
{
    /// <summary>The message on one line (inner lines joined), without .NET's "(Parameter 'x')" decorations.</summary>
    public static string OneLine(Exception e)
    {
        var text = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0].Message : e.Message;
        if (e is ArgumentException { ParamName: { } p } && text.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal))
            text = text[..^$" (Parameter '{p}')".Length];
        text = string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Expected(e) ? text : $"unexpected {e.GetType().Name}: {text}";
    }

    /// <summary>What to add when the details were not printed.</summary>
    public static string VerboseHint(Exception e) =>
        Expected(e) ? "" : " (this is a bug in testbed: run again with --verbose and report what it prints)";

    public static int ExitCode(Exception e) => e switch
    {
        ConfigException or UsageException => ExitCodes.Usage,
        OperationCanceledException => ExitCodes.Interrupted,
        _ => ExitCodes.Failure,
    };

    // Failures of the outside world (a device, Redis, a file) and refused input: their messages are written for users.
    private static bool Expected(Exception e) => e is ConfigException or UsageException or IOException or TimeoutException
        or OperationCanceledException or UnauthorizedAccessException or System.Net.Sockets.SocketException or System.Net.Http.HttpRequestException
        or StackExchange.Redis.RedisException or Blissdata.BlissdataException or Drivers.Abstractions.AxisException
        or Drivers.Abstractions.DeviceException or Testbed.Scans.Client.ScanStackTimeoutException or Testbed.Scans.Client.ScanRefusedException or Bec.BecException;
}
