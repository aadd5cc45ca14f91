using Testbed.Blissdata;
using Testbed.Scans.Stepping;

namespace Testbed.Demo;

/// <summary>How a demo run is shown: the CLI renders it on a terminal or as plain lines; tests record it.</summary>
public interface IDemoView
{
    /// <summary>A progress note (an endpoint started, where the scan is published …).</summary>
    void Note(string text);

    /// <summary>Something the user should know that does not stop the run (a key nobody reads, a stale temporary file).</summary>
    void Warning(string text);

    /// <summary>The scan is about to move: its description and table columns (the point index first).</summary>
    void ScanStarting(string description, IReadOnlyList<string> columns);

    /// <summary>One measured point.</summary>
    void Point(ScanPoint point);

    /// <summary>Redis was lost, is back, or was given up (told once each).</summary>
    void Outage(RedisOutageNotice notice);
}
