using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Devices;
using Testbed.Scans.ScanServer.Instructions;
using Testbed.Scans.ScanServer.Queue;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>umv / mv (fixture 04): for umv an <c>rpc read</c> of each motor (metadata response=false), a readback report instruction
/// {RID, devices, start, end} in the queue item, then one <c>set</c> per motor with response=true, all awaited.</summary>
public sealed class MoveRun(ScanServerRuntime runtime, QueueItem item) : JobRun(runtime, item)
{
    private readonly MoveJob _job = (MoveJob)item.Job;

    public override async Task RunAsync()
    {
        var stop = Item.Control.StopToken;
        if (_job.ReportReadback)
        {
            var devices = await DeviceSet.LoadAsync(Runtime.Bec);
            var start = new BecList();
            foreach (var (motor, _) in _job.Targets)
            {
                var parameter = new BecMap { ["device"] = motor, ["func"] = "read", ["rpc_id"] = Guid.NewGuid().ToString(), ["args"] = new BecList(), ["kwargs"] = new BecMap() };
                var done = await Runtime.Instructions.RunAsync(motor, DeviceInstructionAction.Rpc, parameter, Metadata, stop, (MetadataKeys.Response, false));
                var signal = devices.Find(motor)?.ValueSignal ?? motor;
                start.Add(((done.Result as BecMap)?.GetOrNull(signal) as BecMap)?.GetOrNull("value") ?? BecValue.Nil);
            }
            Item.ReportInstructions =
            [
                new BecMap
                {
                    ["readback"] = new BecMap
                    {
                        ["RID"] = Item.Rid,
                        ["devices"] = ScanDevices.Strings(_job.Targets.Select(t => t.Device)),
                        ["start"] = start,
                        ["end"] = new BecList(_job.Targets.Select(t => (BecValue)t.Target)),
                    },
                },
            ];
            await Runtime.Queue.PublishAsync();
        }
        var moves = new List<PendingInstruction>();
        foreach (var (motor, target) in _job.Targets)
            moves.Add(await Runtime.Instructions.SendAsync(motor, DeviceInstructionAction.Set, new BecMap { ["value"] = target }, Metadata, (MetadataKeys.Response, true)));
        foreach (var m in moves) await Runtime.Instructions.WaitAsync(m, stop);
    }
}

/// <summary>A queued device_rpc (a method other than a plain read): one <c>rpc</c> instruction, awaited.</summary>
public sealed class RpcRun(ScanServerRuntime runtime, QueueItem item) : JobRun(runtime, item)
{
    public override async Task RunAsync()
    {
        var job = (RpcJob)Item.Job;
        await Runtime.Instructions.RunAsync(job.Device, DeviceInstructionAction.Rpc, job.Parameter, Metadata, Item.Control.StopToken, (MetadataKeys.Response, true));
    }
}
