using Testbed.Blissdata.Reading;

namespace Testbed.Writer.Service;

/// <summary>Tells others about a scan's file (BEC mode: the master-file messages); the writer calls it at open and after close.</summary>
public interface IFileAnnouncer
{
    /// <summary>The file is being written (not complete).</summary>
    Task OpenedAsync(Scan scan, string path);

    /// <summary>The file is closed: complete when <paramref name="successful"/>.</summary>
    Task ClosedAsync(Scan scan, string path, bool successful);
}
