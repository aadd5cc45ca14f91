using Microsoft.Extensions.Logging;

namespace Testbed.Scans.ScanServer;

/// <summary>The scan server's log lines (one line each: what, where, what to do).</summary>
public static class ScanServerLog
{
    public static void LogBlissdata(this ILogger logger, string key, string problem) =>
        logger.LogWarning("ScanServer: blissdata scan {Key} could not be closed: {Problem}", key, problem);

    public static void LogRefused(this ILogger logger, string rid, string message) =>
        logger.LogInformation("ScanServer: request {Rid} refused: {Message}", rid, message);

    public static void LogNote(this ILogger logger, string note) => logger.LogInformation("ScanServer: {Note}", note);

    public static void LogScanEnded(this ILogger logger, string call, string outcome) =>
        logger.LogInformation("ScanServer: {Call}: {Outcome}", call, outcome);
}
