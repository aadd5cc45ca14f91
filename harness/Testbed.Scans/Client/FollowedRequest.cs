using Testbed.Bec.Messages;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;

namespace Testbed.Scans.Client;

/// <summary>What a client has seen of one request so far: its answer, queue item, scan status and master file.</summary>
/// <remarks>Messages of different channels may arrive in any order (the scan status before the queue item that names the scan id, the
/// file message before the last status): every status and master-file message is kept, and matched when asked for.</remarks>
internal sealed class FollowedRequest(ScanRequest request, string rid)
{
    private readonly List<ScanStatusMessage> _statuses = [];
    private readonly List<FileMessage> _files = [];

    public bool Answered { get; private set; }

    public string? Refusal { get; private set; }

    public string? ScanId { get; private set; }

    public string? QueueEnd { get; private set; }

    /// <summary>The last status of the scan; a final one is never replaced (a status read from its key after an outage may arrive
    /// after a newer one).</summary>
    public ScanStatusMessage? LastStatus => ScanId is null ? null
        : _statuses.LastOrDefault(s => s.ScanId == ScanId && IsFinal(s)) ?? _statuses.LastOrDefault(s => s.ScanId == ScanId);

    public FileMessage? File => _files.FirstOrDefault(IsOurs);

    public bool Ended => Refusal is not null || (QueueEnd is not null && (!request.IsScan || ScanId is null || IsFinal(LastStatus)));

    public void Observe(BecMessage message, IProgress<ScanProgressUpdate>? progress)
    {
        switch (message)
        {
            case RequestResponseMessage r when RidOf(r.Metadata) == rid:
                Answered = true;
                if (!r.Accepted) Refusal = r.Message is BecStr s ? s.Value : r.Message.ToString();
                break;
            case ScanQueueStatusMessage q:
                foreach (var (_, queue) in q.Queue)
                foreach (var item in queue.Info)
                {
                    if (!item.RequestBlocks.Any(b => b.Rid == rid)) continue;
                    ScanId ??= item.ScanId.FirstOrDefault(id => id is not null);
                    if (item.Status is QueueItemStatus.Completed or QueueItemStatus.Stopped or QueueItemStatus.Cancelled) QueueEnd = item.Status;
                }
                break;
            case ScanStatusMessage s:
                _statuses.Add(s);
                break;
            case ProgressMessage p when ScanId is not null && p.Metadata.GetOrNull("scan_id") is BecStr id && id.Value == ScanId:
                progress?.Report(new ScanProgressUpdate(ScanId, LastStatus?.ScanNumber, p.Value, p.MaxValue, p.Done ? "done" : "running"));
                break;
            case FileMessage f when f.Done && f.FilePath.Contains("_master", StringComparison.Ordinal):
                _files.Add(f);
                break;
        }
    }

    // A master-file message names no scan id in its body: it is ours when its path is the one our scan's status announced.
    private bool IsOurs(FileMessage f) =>
        ScanId is not null && _statuses.Any(s => s.ScanId == ScanId && s.Info.GetOrNull("file_components") is BecList { Count: > 0 } parts &&
            f.FilePath.StartsWith(parts[0].AsString(), StringComparison.Ordinal));

    private static bool IsFinal(ScanStatusMessage? s) => s is { Status: not (ScanStatus.Open or ScanStatus.Paused) };

    private static string? RidOf(BecMap metadata) => metadata.GetOrNull(MetadataKeys.Rid) is BecStr s ? s.Value : null;
}
