using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Scans.ScanServer.Blissdata;
using Testbed.Scans.ScanServer.Devices;
using Testbed.Scans.ScanServer.Instructions;
using Testbed.Scans.ScanServer.Queue;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary>A v4 step scan, instruction by instruction as the recorded scan server sends them (spec §1.3, fixtures 02, 03, 05):
/// pre-move and baseline read (not awaited) → open → stage (async devices one by one, then the motors) → pre_scan → per point:
/// set the motors that move, settle, trigger, wait out the exposure, read with point_id → complete → (relative: back to start) →
/// unstage → closed.</summary>
public sealed class StepScanRun(ScanServerRuntime runtime, QueueItem item) : JobRun(runtime, item)
{
    private static readonly TimeSpan FinalInfoExpiry = TimeSpan.FromSeconds(1800);
    private readonly StepJob _job = (StepJob)item.Job;
    private long _number;
    private long _dataset;
    private ScanStatusBuilder? _status;
    private BlissdataPublication? _bliss;
    private DeviceSet? _devices;
    private bool _open;

    private InstructionChannel Instructions => Runtime.Instructions;

    private CancellationToken Stop => Item.Control.StopToken;

    public override IReadOnlyList<string> DevicesToStop => _job.Devices.Staged;

    public override void Numbered(long scanNumber, long datasetNumber)
    {
        _number = scanNumber;
        _dataset = datasetNumber;
    }

    public override async Task RunAsync()
    {
        Item.ReportInstructions = ScanStatusBuilder.ReportInstructions(_job.Points);
        await Runtime.Queue.PublishAsync();
        _devices = await DeviceSet.LoadAsync(Runtime.Bec);
        var systemConfig = (Item.Request.Parameter.GetOrNull("kwargs") as BecMap)?.GetOrNull("system_config");
        var files = FileLayout.Components(Runtime.Options.FileBasePath, _number, systemConfig);
        _status = new ScanStatusBuilder(_job, Item, _number, _dataset, files);
        if (Runtime.Blissdata is { } store)
        {
            var streams = StreamAssignment.Of(_job, _devices, files[0]);
            _bliss = await BlissdataPublication.StartAsync(store, Runtime.Options.BlissdataUrl!, Runtime.Options.BlissdataSession, _job, streams,
                _number, Item.ScanId!, await PositionersAsync(), FileLayout.MasterFile(files), Runtime.Time);
            _status.Info.Add(BlissdataContract.InfoKey, _bliss.Contract.ToMap());
        }
        var d = _job.Devices;
        var premoves = new List<PendingInstruction>();
        for (var m = 0; m < _job.Motors.Count; m++) premoves.Add(await SetAsync(_job.Motors[m], _job.Positions[0][m]));
        var baseline = d.Baseline.Count > 0
            ? await Instructions.SendAsync(List(d.Baseline), DeviceInstructionAction.Read, null, Metadata, (MetadataKeys.ReadoutPriority, "baseline"))
            : null;
        await PublishStatusAsync(ScanStatus.Open, null);
        _open = true;
        var stages = new List<PendingInstruction>();
        foreach (var a in d.Async) stages.Add(await Instructions.SendAsync(a, DeviceInstructionAction.Stage, null, Metadata));
        if (d.MotorStage.Count > 0) stages.Add(await Instructions.SendAsync(OneOrList(d.MotorStage), DeviceInstructionAction.Stage, null, Metadata));
        foreach (var p in stages.Concat(premoves)) await Instructions.WaitAsync(p, Stop);
        if (d.Staged.Count > 0) await RunAsync(List(d.Staged), DeviceInstructionAction.PreScan);
        var completed = await PointsAsync();
        if (d.CompleteOrder.Count > 0) await RunAsync(List(d.CompleteOrder), DeviceInstructionAction.Complete);
        if (_job.Relative && _job.Start is { } start)
        {
            var back = new List<PendingInstruction>();
            for (var m = 0; m < _job.Motors.Count; m++) back.Add(await SetAsync(_job.Motors[m], start[m]));
            foreach (var p in back) await Instructions.WaitAsync(p, Stop);
        }
        if (d.CompleteOrder.Count > 0) await RunAsync(List(d.CompleteOrder), DeviceInstructionAction.Unstage);
        if (baseline is not null) await Instructions.WaitAsync(baseline, Stop);
        if (_bliss is not null) await _bliss.SucceedAsync(await PositionersAsync(), completed ? null : "ended early by the user (user_completed)");
        await PublishStatusAsync(completed ? ScanStatus.Closed : ScanStatus.UserCompleted, null);
    }

    /// <summary>The points; false when the user ended the scan early (user_completed).</summary>
    private async Task<bool> PointsAsync()
    {
        var d = _job.Devices;
        long pointId = 0;
        for (var p = 0; p < _job.Points; p++)
        {
            if (!await CheckpointAsync(pointBoundary: true)) return false;
            if (p > 0)
            {
                var moves = new List<PendingInstruction>();
                for (var m = 0; m < _job.Motors.Count; m++)
                    if (_job.Positions[p][m] != _job.Positions[p - 1][m]) moves.Add(await SetAsync(_job.Motors[m], _job.Positions[p][m]));
                foreach (var move in moves) await Instructions.WaitAsync(move, Stop);
            }
            await SleepAsync(_job.SettlingTime);
            for (var b = 0; b < _job.Burst; b++)
            {
                if (b > 0) await CheckpointAsync(pointBoundary: false);
                var started = Runtime.Time.GetTimestamp();
                if (d.Triggered.Count > 0) await RunAsync(List(d.Triggered), DeviceInstructionAction.Trigger);
                await SleepAsync(_job.ExpTime * _job.FramesPerTrigger - Runtime.Time.GetElapsedTime(started).TotalSeconds);
                await SleepAsync(_job.SettlingTimeAfterTrigger);
                if (d.Monitored.Count > 0)
                    await Instructions.RunAsync(List(d.Monitored), DeviceInstructionAction.Read, null, Metadata, Stop, (MetadataKeys.PointId, pointId));
                pointId++;
            }
            await SleepAsync(_job.SleepPerPoint);
        }
        return true;
    }

    public override async Task StoppedAsync(StopKind kind)
    {
        if (kind == StopKind.Shutdown)
        {
            await FailedAsync("the scan server was stopped while the scan ran", null);
            return;
        }
        // blissdata first, so whoever reads it on the BEC status finds it closed.
        if (_bliss is not null) await EndBlissdataAsync(EndReason.UserAbort, kind == StopKind.Halt ? "halted by the user" : "aborted by the user");
        if (_open) await PublishStatusAsync(kind == StopKind.Halt ? ScanStatus.Halted : ScanStatus.Aborted, ScanStatusReason.User);
    }

    public override Task FailedAsync(string message) => FailedAsync(message, ScanStatusReason.Alarm);

    private async Task FailedAsync(string message, ScanStatusReason? reason)
    {
        _status?.Info.Set("failure", message);
        if (_bliss is not null) await EndBlissdataAsync(EndReason.Failure, message);
        if (_open) await PublishStatusAsync(ScanStatus.Aborted, reason);
    }

    private async Task EndBlissdataAsync(string reason, string message)
    {
        var problem = await _bliss!.EndAsync(reason, message, await PositionersAsync());
        if (problem is not null) Runtime.Logger.LogBlissdata(_bliss.Key, problem);
    }

    private async Task<bool> CheckpointAsync(bool pointBoundary) =>
        await Item.Control.CheckpointAsync(pointBoundary,
            async () =>
            {
                Item.Status = Bec.Messages.Queue.QueueItemStatus.Paused;
                await Runtime.Queue.PublishAsync();
                if (_open) await PublishStatusAsync(ScanStatus.Paused, ScanStatusReason.User);
            },
            async () =>
            {
                Item.Status = Bec.Messages.Queue.QueueItemStatus.Running;
                await Runtime.Queue.PublishAsync();
                if (_open) await PublishStatusAsync(ScanStatus.Open, null);
            });

    /// <summary>SET <c>info/public/&lt;scan_id&gt;/scan_info</c> (EX 1800 once final) and SET+PUB <c>info/scans/scan_status</c>, in one MULTI.</summary>
    private async Task PublishStatusAsync(ScanStatus status, ScanStatusReason? reason)
    {
        var message = _status!.Build(status, reason, Runtime.Time);
        var final = status is not (ScanStatus.Open or ScanStatus.Paused);
        // Tried again while Redis is away: a status lost to an outage would leave clients waiting for the end of the scan.
        await Bus.BecOutage.RetryAsync(() => Runtime.Bec.CreateTransaction()
            .Set(MessageEndpoints.PublicScanInfo(Item.ScanId!), message, final ? FinalInfoExpiry : null)
            .SetAndPublish(MessageEndpoints.ScanStatus(), message)
            .ExecuteAsync());
    }

    private async Task<IReadOnlyList<(string Name, double? Position, string? Unit)>> PositionersAsync()
    {
        var list = new List<(string, double?, string?)>();
        foreach (var p in (_devices?.Enabled ?? []).Where(x => x.IsPositioner))
            list.Add((p.Name, await DeviceSet.PositionAsync(Runtime.Bec, p), p.Unit));
        return list;
    }

    private Task<PendingInstruction> SetAsync(string motor, double value) =>
        Instructions.SendAsync(motor, DeviceInstructionAction.Set, new BecMap { ["value"] = value }, Metadata);

    private Task<DeviceInstructionResponse> RunAsync(BecValue devices, DeviceInstructionAction action) =>
        Instructions.RunAsync(devices, action, null, Metadata, Stop);

    /// <summary>Exposure and settling waits run to their end, so an abort during an exposure still sends the read that closes the
    /// point (recorded, fixture 06: the read of the current point follows the forwarded abort); waits for acknowledgements are cut short.</summary>
    private async Task SleepAsync(double seconds)
    {
        if (seconds > 0) await Task.Delay(TimeSpan.FromSeconds(seconds), Runtime.Time);
    }

    private static BecList List(IEnumerable<string> devices) => ScanDevices.Strings(devices);

    private static BecValue OneOrList(IReadOnlyList<string> devices) => devices.Count == 1 ? devices[0] : List(devices);
}
