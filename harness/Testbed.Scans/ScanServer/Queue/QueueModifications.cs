using Microsoft.Extensions.Logging;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Queue;

/// <summary>The actions of <c>user/queue/queue_modification_request</c> (forwarded unchanged on <c>info/queue/queue_modification</c>,
/// fixture 06): abort, halt, pause, deferred_pause, continue, resume, clear, user_completed.</summary>
/// <remarks>abort/halt pause the queue and stop the running item at once (its waits are cancelled); an item still pending is
/// cancelled. pause stops before the next instruction, deferred_pause before the next point; continue/resume go on. clear aborts the
/// running item and cancels every pending one. restart, lock and release_lock are not implemented (logged).</remarks>
public sealed class QueueModifications(ScanServerRuntime runtime)
{
    private ScanQueue Queue => runtime.Queue;

    public async Task HandleAsync(ScanQueueModificationMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await runtime.Bec.SendAsync(MessageEndpoints.ScanQueueModification(), request);
        var target = Target(request);
        switch (request.Action)
        {
            case QueueModificationAction.Abort:
            case QueueModificationAction.Halt:
                await StopAsync(target, request.Action == QueueModificationAction.Halt ? StopKind.Halt : StopKind.Abort);
                break;
            case QueueModificationAction.UserCompleted:
                target?.Control.RequestStop(StopKind.UserCompleted);
                break;
            case QueueModificationAction.Pause:
            case QueueModificationAction.DeferredPause:
                Queue.Status = QueueStatus.Paused;
                if (Queue.Running is { } running)
                {
                    var deferred = request.Action == QueueModificationAction.DeferredPause;
                    running.Control.RequestPause(deferred);
                    if (deferred) running.Status = QueueItemStatus.DeferredPause;
                }
                await Queue.PublishAsync();
                break;
            case QueueModificationAction.Continue:
            case QueueModificationAction.Resume:
                Queue.Status = QueueStatus.Running;
                if (Queue.Running is { } paused)
                {
                    if (paused.Status == QueueItemStatus.DeferredPause) paused.Status = QueueItemStatus.Running;
                    paused.Control.Resume();
                }
                await Queue.PublishAsync();
                break;
            case QueueModificationAction.Clear:
                foreach (var pending in Queue.Items.Where(i => !i.Started)) await CancelAsync(pending);
                if (Queue.Running is { } current) await StopAsync(current, StopKind.Abort);
                break;
            default:
                runtime.Logger.LogWarning("ScanServer: queue modification '{Action}' is not implemented by this scan server; ignored",
                    Bec.Messages.Schema.WireEnum<QueueModificationAction>.ToWire(request.Action));
                break;
        }
    }

    /// <summary>The item named by request_id (its RID) or scan_id; else the running item.</summary>
    private QueueItem? Target(ScanQueueModificationMessage request)
    {
        var items = Queue.Items;
        if (request.RequestId is { } rid) return items.FirstOrDefault(i => i.Rid == rid);
        var ids = request.ScanId switch
        {
            BecStr s => [s.Value],
            BecList l => l.Where(v => v is BecStr).Select(v => v.AsString()).ToList(),
            _ => new List<string>(),
        };
        return ids.Count > 0 ? items.FirstOrDefault(i => i.ScanId is { } id && ids.Contains(id)) : Queue.Running;
    }

    private async Task StopAsync(QueueItem? item, StopKind kind)
    {
        if (item is null) return;
        if (!item.Started)
        {
            await CancelAsync(item);
            return;
        }
        Queue.Status = QueueStatus.Paused;
        await Queue.PublishAsync();
        item.Control.RequestStop(kind);
    }

    private async Task CancelAsync(QueueItem item)
    {
        item.Status = QueueItemStatus.Cancelled;
        item.Reason = QueueItemReason.User;
        await Queue.PublishAsync();
        await Queue.RecordHistoryAsync(item);
        Queue.Remove(item);
        await Queue.PublishAsync();
    }
}
