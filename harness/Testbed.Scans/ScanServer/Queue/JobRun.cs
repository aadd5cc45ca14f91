using Testbed.Bec.Messages.Common;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Queue;

/// <summary>Runs one queue item's job; the queue worker handles the item's states around it.</summary>
public abstract class JobRun(ScanServerRuntime runtime, QueueItem item)
{
    protected ScanServerRuntime Runtime { get; } = runtime;

    protected QueueItem Item { get; } = item;

    /// <summary>Instruction metadata: scan_id (scans only) and RID, in the recorded order.</summary>
    protected BecMap Metadata
    {
        get
        {
            var m = new BecMap();
            if (Item.ScanId is { } id) m.Add(MetadataKeys.ScanId, id);
            m.Add(MetadataKeys.Rid, Item.Rid);
            return m;
        }
    }

    /// <summary>Called once the scan number is fixed (scans only).</summary>
    public virtual void Numbered(long scanNumber, long datasetNumber)
    {
    }

    /// <summary>The job; throws OperationCanceledException when stopped, InstructionException when a device failed.</summary>
    public abstract Task RunAsync();

    /// <summary>The devices stop_devices names after an abort (recorded: the staged devices).</summary>
    public virtual IReadOnlyList<string> DevicesToStop => Item.Locks;

    /// <summary>After an abort or halt: publish the scan's end (status, blissdata USER_ABORT).</summary>
    public virtual Task StoppedAsync(StopKind kind) => Task.CompletedTask;

    /// <summary>After a device error or a timeout: publish the scan's end with the message (status aborted, blissdata FAILURE).</summary>
    public virtual Task FailedAsync(string message) => Task.CompletedTask;
}
