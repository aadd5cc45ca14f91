using Microsoft.Extensions.Logging;
using Testbed.Bec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Redis;
using Testbed.Blissdata;
using Testbed.Blissdata.Search;

namespace Testbed.Scans.ScanServer.Blissdata;

/// <summary>At start, closes what a previous run of the scan server left open (it crashed or was killed mid-scan), so no scan stays
/// open forever: every BEC scan whose public scan_info is still open or paused gets status <c>aborted</c> (info["failure"] says why),
/// and every blissdata scan of the session not CLOSED that this server created is sealed and closed with FAILURE.</summary>
public static class AbandonedScans
{
    public const string Reason = "scan server restarted";

    /// <returns>How many scans were closed (BEC and blissdata counted apart).</returns>
    public static async Task<(int Bec, int Blissdata)> CloseAsync(BecConnector bec, DataStore? store, string session, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bec);
        ArgumentNullException.ThrowIfNull(logger);
        int closedBec = 0, closedBliss = 0;
        foreach (var key in await bec.KeysAsync(MessageEndpoints.PublicScanInfo("*")))
        {
            var scanId = key.Split('/')[2];
            var status = await bec.GetAsync(MessageEndpoints.PublicScanInfo(scanId));
            if (status is null || status.Status is not (ScanStatus.Open or ScanStatus.Paused)) continue;
            if (store is not null && BlissdataContract.Of(status) is { } contract && await CloseBlissdataAsync(store, contract.Key, logger)) closedBliss++;
            status.Status = ScanStatus.Aborted;
            status.Reason = null;
            status.Info.Set("failure", Reason);
            status.Timestamp = BecTime.Now(time);
            await bec.CreateTransaction()
                .Set(MessageEndpoints.PublicScanInfo(scanId), status, TimeSpan.FromSeconds(1800))
                .SetAndPublish(MessageEndpoints.ScanStatus(), status)
                .ExecuteAsync();
            closedBec++;
            logger.LogWarning("ScanServer: scan {Number} ({ScanId}) was left open by a previous run; closed as aborted ({Reason})", status.ScanNumber, scanId, Reason);
        }
        if (store is null) return (closedBec, closedBliss);
        // A crash between creating the blissdata scan and publishing the open status leaves a blissdata scan no BEC key names.
        var (_, keys) = await store.SearchExistingScansAsync(ScanFilter.Session(session));
        foreach (var key in keys)
        {
            try
            {
                var scan = await store.LoadScanAsync(key);
                if (scan.State != ScanState.Closed && scan.Info["bec_scan_id"] is not null && await CloseBlissdataAsync(store, key, logger)) closedBliss++;
            }
            catch (ScanNotFoundException)
            {
                // deleted meanwhile
            }
        }
        return (closedBec, closedBliss);
    }

    /// <summary>Queue items a previous run left unfinished in <c>info/queue/queue_status</c> are published once as STOPPED (reason
    /// restart) and recorded in the history, so clients waiting for them stop waiting.</summary>
    /// <returns>How many items were stopped.</returns>
    public static async Task<int> StopLeftoverItemsAsync(BecConnector bec)
    {
        ArgumentNullException.ThrowIfNull(bec);
        var status = await bec.GetAsync(MessageEndpoints.ScanQueueStatus());
        if (status?.Find(Queue.ScanQueue.Primary) is not { } primary) return 0;
        var left = primary.Info.Where(i => i.Status is not (QueueItemStatus.Completed or QueueItemStatus.Stopped or QueueItemStatus.Cancelled)).ToList();
        if (left.Count == 0) return 0;
        foreach (var item in left)
        {
            item.Status = QueueItemStatus.Stopped;
            item.Reason = QueueItemReason.Restart;
        }
        await bec.SetAndPublishAsync(MessageEndpoints.ScanQueueStatus(), new ScanQueueStatusMessage
        {
            Queue = [new(Queue.ScanQueue.Primary, new ScanQueueStatus { Info = left, Status = QueueStatus.Running, Locks = [] })],
        });
        foreach (var item in left)
            await bec.LPushAsync(MessageEndpoints.ScanQueueHistory(), new ScanQueueHistoryMessage
            {
                Status = item.Status, QueueId = item.QueueId, Info = item, Queue = Queue.ScanQueue.Primary,
            }, maxSize: 100);
        return left.Count;
    }

    private static async Task<bool> CloseBlissdataAsync(DataStore store, string key, ILogger logger)
    {
        try
        {
            var closed = await store.CloseAbandonedScanAsync(key, EndReason.Failure, Reason);
            if (closed) logger.LogWarning("ScanServer: blissdata scan {Key} was left open by a previous run; closed with FAILURE ({Reason})", key, Reason);
            return closed;
        }
        catch (ScanNotFoundException)
        {
            return false;
        }
    }
}
