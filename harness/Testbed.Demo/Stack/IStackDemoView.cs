using Testbed.Scans.Client;

namespace Testbed.Demo.Stack;

/// <summary>How the main job is shown: the CLI renders notes and a progress bar; tests record them.</summary>
public interface IStackDemoView
{
    /// <summary>A progress note (Redis started, a twin endpoint, the services running …).</summary>
    void Note(string text);

    /// <summary>Something the user should know that does not stop the run.</summary>
    void Warning(string text);

    /// <summary>Runs the scan, showing its progress as it reports it.</summary>
    Task<ScanResult> FollowAsync(string title, Func<IProgress<ScanProgressUpdate>, Task<ScanResult>> scan);
}
