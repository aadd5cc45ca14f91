using Microsoft.Extensions.Logging;

namespace Testbed.Scans.Bundler;

/// <summary>The bundler's log lines.</summary>
public static class BundlerLog
{
    public static void LogBundler(this ILogger logger, string problem) => logger.LogWarning("ScanBundler: {Problem}", problem);
}
