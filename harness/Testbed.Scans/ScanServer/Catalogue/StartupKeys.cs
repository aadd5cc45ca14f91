using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;

namespace Testbed.Scans.ScanServer.Catalogue;

/// <summary>What the recorded scan server writes at start-up, after the scan catalogue, queue status and scan numbers, that a BEC
/// client reads (spec §8.2 item 9): the procedure catalogue and the two scan-interlock configuration streams (one entry each, MAXLEN ~ 1).</summary>
public static class StartupKeys
{
    public static async Task PublishAsync(BecConnector bec)
    {
        ArgumentNullException.ThrowIfNull(bec);
        await bec.SetAsync(MessageEndpoints.AvailableProcedures(), RecordedPayloads.Message<AvailableResourceMessage>("available_procedures"));
        // Recorded: the interlock reads its stream from the start and writes its default only when the stream is empty.
        if ((await bec.XReadAsync(MessageEndpoints.ScanInterlockEnabled())).Count == 0)
            await bec.XAddAsync(MessageEndpoints.ScanInterlockEnabled(), RecordedPayloads.Message<BoolConfigDefaultFalse>("scan_interlock_enabled"), maxSize: 1);
        if ((await bec.XReadAsync(MessageEndpoints.ScanInterlockTriggerSetting())).Count == 0)
            await bec.XAddAsync(MessageEndpoints.ScanInterlockTriggerSetting(),
                RecordedPayloads.Message<ScanInterlockTriggerSettingMessage>("scan_interlock_trigger_setting"), maxSize: 1);
    }
}
