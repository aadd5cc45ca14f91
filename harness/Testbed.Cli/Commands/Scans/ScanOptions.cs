using System.CommandLine;
using Testbed.Blissdata;
using Testbed.Cli.Shell;
using Testbed.Demo;

namespace Testbed.Cli.Commands.Scans;

/// <summary>Options shared by the scans commands, and the way they report errors.</summary>
internal static class ScanOptions
{
    public static Option<string?> Redis() => CheckedOptions.Redis(
        "blissdata Redis: redis://host:port/db or host:port (Redis Stack for Python clients; DB 0 for search).", "127.0.0.1:6379");

    /// <summary>Library messages (such as the plain-Redis note at connect) go to stderr as one line each, so stdout stays parseable.</summary>
    public static DataStoreOptions Store() => new()
    {
        Logger = Loggers.CreateLogger("blissdata"),
    };

    private static readonly Microsoft.Extensions.Logging.ILoggerFactory Loggers =
        LineLoggerProvider.Factory((level, text) => Console.Error.WriteLine($"testbed: {(level >= Microsoft.Extensions.Logging.LogLevel.Error ? "error" : "warning")}: {text}"));

    public static Argument<string> Key() => new("key") { Description = "Scan key, e.g. esrf:scan:01J9ZQ6V8M4T2N7K3B5C1D9E0F" };

    /// <summary>Runs a command body; library errors become one line on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return ExitCodes.Success;
        }
        catch (BlissdataException e)
        {
            await Console.Error.WriteLineAsync($"testbed: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"testbed: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
    }
}
