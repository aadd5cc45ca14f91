using Microsoft.Extensions.Logging;
using Testbed.Bec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Scans.ScanServer.Instructions;
using Testbed.Scans.ScanServer.Scans;

namespace Testbed.Scans.ScanServer.Queue;

/// <summary>Runs the queue's items one after the other and walks each through its states as recorded: PENDING → RUNNING (published
/// several times: started, locks, report instructions) → COMPLETED (twice), history, removed; or STOPPED (abort, halt, device error),
/// with stop_devices for the staged devices.</summary>
public sealed class QueueWorker(ScanServerRuntime runtime)
{
    private ScanQueue Queue => runtime.Queue;

    /// <summary>Runs items until <paramref name="ct"/> is cancelled (the service stops); a scan running then is ended as aborted.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await using var stopping = ct.Register(() => Queue.Running?.Control.RequestStop(StopKind.Shutdown));
        while (!ct.IsCancellationRequested)
        {
            var item = await Queue.NextAsync(ct);
            try
            {
                await RunItemAsync(item);
            }
            catch (Exception e) when (e is BecException or BlissdataException)
            {
                // Redis itself failed while the item ended: say so and go on with the next one.
                runtime.Logger.LogError("ScanServer: {Call}: {Message}", item.Job.Call, e.Message);
                item.Status = QueueItemStatus.Stopped;
                Queue.Remove(item);
            }
            finally
            {
                item.Dispose();
            }
        }
    }

    private async Task RunItemAsync(QueueItem item)
    {
        JobRun run = item.Job switch
        {
            StepJob => new StepScanRun(runtime, item),
            MoveJob => new MoveRun(runtime, item),
            _ => new RpcRun(runtime, item),
        };
        if (item.Job.IsScan)
        {
            var (scan, dataset) = await runtime.Numbers.NextAsync();
            item.ScanNumber = scan;
            run.Numbered(scan, dataset);
        }
        item.Status = QueueItemStatus.Running;
        item.Started = true;
        await Queue.PublishAsync();
        item.Locks = item.Job.Locks;
        await Queue.PublishAsync();
        try
        {
            await run.RunAsync();
            item.Locks = [];
            item.Status = QueueItemStatus.Completed;
            await Queue.PublishAsync(times: 2);
            await FinishAsync(item, stopped: false);
            runtime.Logger.LogScanEnded(item.Job.Call, "completed");
        }
        catch (OperationCanceledException) when (item.Control.Stop is StopKind.Abort or StopKind.Halt or StopKind.Shutdown)
        {
            var kind = item.Control.Stop!.Value;
            await StoppedAsync(item, run, kind == StopKind.Shutdown ? null : QueueItemReason.User, () => run.StoppedAsync(kind));
            runtime.Logger.LogScanEnded(item.Job.Call, kind switch { StopKind.Halt => "halted", StopKind.Shutdown => "aborted: the scan server stopped", _ => "aborted" });
        }
        catch (Exception e) when (e is InstructionException or BecException or BlissdataException)
        {
            Queue.Status = QueueStatus.Paused;
            await StoppedAsync(item, run, QueueItemReason.Alarm, async () =>
            {
                await AlarmAsync(item, e);
                await run.FailedAsync(e.Message);
            });
            runtime.Logger.LogError("ScanServer: {Call} failed: {Message}", item.Job.Call, e.Message);
        }
    }

    private async Task StoppedAsync(QueueItem item, JobRun run, QueueItemReason? reason, Func<Task> end)
    {
        item.Status = QueueItemStatus.Stopped;
        item.Reason = reason;
        await Queue.PublishAsync();
        var stop = run.DevicesToStop;
        if (stop.Count > 0)
        {
            var message = new VariableMessage { Value = ScanDevices.Strings(stop) };
            message.Metadata[MetadataKeys.StopId] = new BecList { item.ScanId is { } id ? id : item.Rid };
            await runtime.Bec.SendAsync(MessageEndpoints.StopDevices(), message);
        }
        await Queue.PublishAsync();
        await end();
        item.Locks = [];
        await FinishAsync(item, stopped: true);
    }

    /// <summary>History, removal, and the queue status without the item; after a stop the queue (paused by it) runs again by itself
    /// when nothing else waits (recorded, fixture 06), else it stays paused until the user continues.</summary>
    private async Task FinishAsync(QueueItem item, bool stopped)
    {
        if (stopped) await Queue.PublishAsync();
        await Queue.RecordHistoryAsync(item);
        Queue.Remove(item);
        await Queue.PublishAsync();
        if (Queue.Status == QueueStatus.Paused && Queue.Items.Count == 0)
        {
            Queue.Status = QueueStatus.Running;
            await Queue.PublishAsync();
        }
    }

    /// <summary>A MAJOR alarm on <c>user/alarms</c> naming the device, the instruction and the driver's message.</summary>
    private Task AlarmAsync(QueueItem item, Exception e)
    {
        var info = new ErrorInfo
        {
            ErrorMessage = $"{item.Job.Call}: {e.Message}",
            CompactErrorMessage = e.Message,
            ExceptionType = e is InstructionFailedException f && f.ExceptionType.Length > 0 ? f.ExceptionType : e.GetType().Name,
            Device = e is InstructionException i ? (BecValue)i.Device : BecValue.Nil,
        };
        return runtime.Bec.SetAndPublishAsync(MessageEndpoints.Alarm(), new AlarmMessage { Severity = AlarmSeverity.Major, Info = info });
    }
}
