using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.ScanServer.Queue;

/// <summary>One queue item (BEC's DirectInstructionQueueItem with one request block): the request, its job, and its state.</summary>
public sealed class QueueItem : IDisposable
{
    public QueueItem(ScanQueueMessage request, ScanJob job)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(job);
        Request = request;
        Job = job;
        Rid = request.Metadata.GetOrNull(MetadataKeys.Rid) is BecStr s ? s.Value : "";
        ScanId = job.IsScan ? Guid.NewGuid().ToString() : null;
    }

    public string QueueId { get; } = Guid.NewGuid().ToString();

    /// <summary>The request as forwarded on queue_insert (device objects as names).</summary>
    public ScanQueueMessage Request { get; }

    public ScanJob Job { get; }

    public string Rid { get; }

    public string? ScanId { get; }

    /// <summary>Predicted while PENDING, fixed when the scan becomes active; null for non-scans.</summary>
    public long? ScanNumber { get; set; }

    /// <summary>A <see cref="QueueItemStatus"/> value.</summary>
    public string Status { get; set; } = QueueItemStatus.Pending;

    public QueueItemReason? Reason { get; set; }

    /// <summary>Once the worker took it: active_request_block is set.</summary>
    public bool Started { get; set; }

    public IReadOnlyList<string> Locks { get; set; } = [];

    /// <summary>RequestBlock.report_instructions (scan_progress, readback …).</summary>
    public BecList ReportInstructions { get; set; } = [];

    public ItemControl Control { get; } = new();

    public bool Finished => Status is QueueItemStatus.Completed or QueueItemStatus.Stopped or QueueItemStatus.Cancelled;

    /// <summary>The request's readout-priority modifications: motors promoted to monitored, plus the client's monitored/on_request options.</summary>
    public BecMap ReadoutModification
    {
        get
        {
            var kwargs = Request.Parameter.GetOrNull("kwargs") as BecMap;
            var monitored = (Job as StepJob)?.Motors.ToList() ?? [];
            if (kwargs?.GetOrNull("monitored") is BecList extra) monitored.AddRange(extra.Select(v => v.AsString()).Where(n => !monitored.Contains(n)));
            return new BecMap
            {
                ["baseline"] = new BecList(),
                ["monitored"] = ScanDevices.Strings(monitored),
                ["on_request"] = kwargs?.GetOrNull("on_request") as BecList ?? [],
                ["async"] = new BecList(),
            };
        }
    }

    public RequestBlock Block() => new()
    {
        Msg = Request,
        Rid = Rid,
        ReadoutPriority = ReadoutModification,
        IsScan = Job.IsScan,
        ScanNumber = ScanNumber,
        ScanId = ScanId,
        ReportInstructions = ReportInstructions,
        OwnedDeviceLocks = Locks,
        PendingDeviceLocks = [],
    };

    /// <summary>The item as queue_status shows it.</summary>
    public QueueInfoEntry Entry() => new()
    {
        QueueId = QueueId,
        ScanId = [ScanId],
        IsScan = [Job.IsScan],
        RequestBlocks = [Block()],
        ScanNumber = [ScanNumber],
        Status = Status,
        ActiveRequestBlock = Started ? Block() : null,
        Reason = Reason,
    };

    public void Dispose() => Control.Dispose();
}
