using Testbed.Scans.Client;

namespace Testbed.Cli.Commands;

/// <summary>The lines printed after a scan: what ran, how it ended, where its data is.</summary>
internal static class ScanSummary
{
    public static IEnumerable<string> Lines(ScanResult r)
    {
        if (r.ScanId is null)
        {
            yield return $"{r.Request.Text}: {r.QueueStatus.ToLowerInvariant()}";
            yield break;
        }
        yield return $"scan {r.ScanNumber} ({r.Request.Text}): {r.Status?.ToString().ToLowerInvariant() ?? r.QueueStatus.ToLowerInvariant()}";
        if (r.BlissdataKey is not null) yield return $"blissdata: {r.BlissdataKey}";
        if (r.MasterFile is not null) yield return $"file: {r.MasterFile}{(r.MasterFileSuccessful ? "" : " (the file writer reports it as not successful)")}";
        else yield return "file: none announced (is a file writer running?)";
    }
}
