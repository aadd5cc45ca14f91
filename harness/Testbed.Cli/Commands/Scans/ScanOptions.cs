using System.CommandLine;
using Testbed.Blissdata;

namespace Testbed.Cli.Commands.Scans;

/// <summary>Options shared by the scans commands, and the way they report errors.</summary>
internal static class ScanOptions
{
    public static Option<string> Redis() => new("--redis")
    {
        Description = "blissdata Redis: redis://host:port/db or host:port (Redis Stack for Python clients; DB 0 for search).",
        DefaultValueFactory = _ => "127.0.0.1:6379",
    };

    /// <summary>Library messages (such as the plain-Redis note at connect) go to stderr, so stdout stays parseable.</summary>
    public static DataStoreOptions Store() => new()
    {
        Logger = Loggers.CreateLogger("blissdata"),
    };

    private static readonly Microsoft.Extensions.Logging.ILoggerFactory Loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddConsole(b, o => o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace));

    public static Argument<string> Key() => new("key") { Description = "Scan key, e.g. esrf:scan:01J9ZQ6V8M4T2N7K3B5C1D9E0F" };

    /// <summary>Runs a command body; library errors become one line on stderr and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (BlissdataException e)
        {
            await Console.Error.WriteLineAsync($"testbed: {e.Message}");
            return 1;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"testbed: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
