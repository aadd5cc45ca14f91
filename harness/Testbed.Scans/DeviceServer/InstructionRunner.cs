using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Drivers.Abstractions;
using Testbed.Scans.DeviceServer.Devices;
using Testbed.Scans.Publishing;

namespace Testbed.Scans.DeviceServer;

/// <summary>Carries out one DeviceInstructionMessage and acknowledges it as recorded (fixture 02): <c>running</c> at once
/// (<see cref="TakeAsync"/>, on arrival), for set/trigger/complete/kickoff a second <c>running</c> with result_is_status, then
/// <c>completed</c> — or <c>error</c> with the driver's message. Readings of a monitored read are flushed into blissdata before the
/// read is acknowledged; a scan's streams are sealed before its <c>complete</c> is.</summary>
public sealed class InstructionRunner(BecConnector bec, IReadOnlyDictionary<string, ServedDevice> devices, DevicePublisher publish,
    DeviceStreams streams, ILogger logger)
{
    private static readonly DeviceInstructionAction[] StatusActions =
        [DeviceInstructionAction.Set, DeviceInstructionAction.Trigger, DeviceInstructionAction.Complete, DeviceInstructionAction.Kickoff];
    private readonly ConcurrentDictionary<string, BecMap> _scanInfos = new(StringComparer.Ordinal);
    private readonly InstructionRecords _records = new();

    /// <summary>Takes an instruction on arrival: a new one gets its first <c>running</c> now (the returned send), before it waits for its
    /// devices' earlier work, since the scan server's acknowledgement timeout only asks whether a device server has it. A repeat (same
    /// device_instr_id, sent again by a scan server after a Redis outage) returns null: it is answered with the last acknowledgement
    /// sent for it instead (nothing while it still waits for its devices: its own acknowledgements follow).</summary>
    public Task? TakeAsync(DeviceInstructionMessage ins)
    {
        ArgumentNullException.ThrowIfNull(ins);
        var id = InstructionId(ins);
        if (id.Length == 0 || _records.TryTake(id, out var last)) return AckAsync(ins, InstructionStatus.Running, null);
        logger.LogInformation("{Action} {Devices} received again (device_instr_id {Id}): {Answer}", ins.Action, string.Join(", ", ins.DeviceList), id,
            last is null ? "it waits for its devices" : $"answered again with its last acknowledgement ({last.Status})");
        if (last is not null) _ = SendAsync(last);
        return null;
    }

    /// <summary>Carries out an instruction already taken (<see cref="TakeAsync"/>) and acknowledges the rest.</summary>
    public async Task RunAsync(DeviceInstructionMessage ins, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ins);
        var statusLike = StatusActions.Contains(ins.Action);
        if (statusLike) await AckAsync(ins, InstructionStatus.Running, true);
        try
        {
            var targets = ins.DeviceList.Select(Find).ToList();
            var result = await ExecuteAsync(ins, targets, ct);
            await AckAsync(ins, InstructionStatus.Completed, statusLike ? true : null, result);
            if (ins.Action == DeviceInstructionAction.Set) await publish.StatusAsync(targets[0].Name, ins.Metadata, 0);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ErrorAsync(ins, "the device server was stopped while the instruction ran", "DeviceServerStopped");
        }
        catch (Exception e)
        {
            if (!IsExpected(e)) logger.LogError(e, "{Action} {Devices} failed", ins.Action, string.Join(", ", ins.DeviceList));
            else logger.LogWarning("{Action} {Devices}: {Message}", ins.Action, string.Join(", ", ins.DeviceList), e.Message);
            await ErrorAsync(ins, e.Message, e.GetType().Name);
            if (ins.Action == DeviceInstructionAction.Rpc && ins.Parameter.GetOrNull("rpc_id") is BecStr rpcId)
                await publish.RpcResultAsync(rpcId.Value, ins.DeviceList.FirstOrDefault() ?? "", BecValue.Nil,
                    new BecMap { ["error"] = e.GetType().Name, ["msg"] = e.Message, ["traceback"] = "" }, success: false);
        }
    }

    /// <summary>The device's own failures (its message is for the user); anything else is a bug and is logged with its stack.</summary>
    public static bool IsExpected(Exception e) =>
        e is DriverException or InstructionRefusedException or DetectorFilesException or Testbed.Blissdata.BlissdataException
            or IOException or TimeoutException or HttpRequestException or System.Net.Sockets.SocketException or ArgumentException;

    private async Task<BecValue> ExecuteAsync(DeviceInstructionMessage ins, IReadOnlyList<ServedDevice> targets, CancellationToken ct)
    {
        var scan = await ContextAsync(ins);
        Task Each(Func<ServedDevice, Task> f) => Task.WhenAll(targets.Select(f));
        switch (ins.Action)
        {
            case DeviceInstructionAction.Stage: await Each(d => d.StageAsync(scan, ct)); break;
            case DeviceInstructionAction.Unstage: await Each(d => d.UnstageAsync(scan, ct)); break;
            case DeviceInstructionAction.PreScan: await Each(d => d.PreScanAsync(scan, ct)); break;
            case DeviceInstructionAction.Trigger: await Each(d => d.TriggerAsync(scan, ct)); break;
            case DeviceInstructionAction.Kickoff: await Each(d => d.KickoffAsync(scan, ct)); break;
            case DeviceInstructionAction.Complete:
                await Each(d => d.CompleteAsync(scan, ct));
                if (scan.Streams is { Sealed: false } s) await s.SealAsync();
                break;
            case DeviceInstructionAction.Set: await SetAsync(ins, targets[0], ct); break;
            case DeviceInstructionAction.Read: await ReadAsync(ins, targets, scan, ct); break;
            case DeviceInstructionAction.Rpc: return await RpcAsync(ins, targets[0], ct);
            default: throw new InstructionRefusedException($"{ins.Action} is not an instruction this device server carries out (v4 scans do not send it)");
        }
        return BecValue.Nil;
    }

    private async Task SetAsync(DeviceInstructionMessage ins, ServedDevice device, CancellationToken ct)
    {
        if (ins.Parameter.GetOrNull("value") is not { } v || Scans.ScanServer.Devices.DeviceSet.AsNumber(v) is not { } value)
            throw new InstructionRefusedException($"set {device.Name}: the value is not a number");
        await device.SetAsync(value, async () =>
        {
            await publish.StatusAsync(device.Name, ins.Metadata, 1);
            await publish.ReadbackAsync(device.Name, ins.Metadata, await device.ReadAsync(ct));
        }, ct);
        await publish.ReadbackAsync(device.Name, ins.Metadata, await device.ReadAsync(ct));
        if (ins.Metadata.GetOrNull(MetadataKeys.Response) is BecBool { Value: true } && ins.Metadata.GetOrNull(MetadataKeys.Rid) is BecStr rid)
            await publish.RequestDoneAsync(device.Name, rid.Value, ins.Metadata, success: true);
    }

    private async Task ReadAsync(DeviceInstructionMessage ins, IReadOnlyList<ServedDevice> targets, ScanContext scan, CancellationToken ct)
    {
        var readings = await Task.WhenAll(targets.Select(d => d.ReadAsync(ct)));
        for (var i = 0; i < targets.Count; i++) await publish.ReadingAsync(targets[i].Name, ins.Metadata, readings[i]);
        if (ins.Metadata.GetOrNull(MetadataKeys.PointId) is not BecInt || scan.Streams is not { Sealed: false } s) return;
        for (var i = 0; i < targets.Count; i++) await s.WriteReadingAsync(targets[i].Name, readings[i]);
        await s.FlushAsync(); // a point acknowledged is a point in Redis (ADR 0010)
    }

    private async Task<BecValue> RpcAsync(DeviceInstructionMessage ins, ServedDevice device, CancellationToken ct)
    {
        var func = ins.Parameter.GetOrNull("func") is BecStr f ? f.Value : "";
        BecValue result;
        switch (func)
        {
            case "read":
                var reading = await device.ReadAsync(ct);
                await publish.ReadingAsync(device.Name, ins.Metadata, reading);
                result = reading;
                break;
            case "read_configuration":
                result = await device.ReadConfigurationAsync(ct);
                break;
            case "get" or "readback.get":
                result = (await device.ReadAsync(ct)).GetOrNull(device.Name) is BecMap m ? m.GetOrNull("value") ?? BecValue.Nil : BecValue.Nil;
                break;
            case "stop":
                await device.StopAsync(ct);
                result = BecValue.Nil;
                break;
            default:
                throw new InstructionRefusedException($"{device.Name} has no method '{func}' here; it offers read, read_configuration, get and stop");
        }
        if (ins.Parameter.GetOrNull("rpc_id") is BecStr rpcId) await publish.RpcResultAsync(rpcId.Value, device.Name, result, "", success: true);
        return result;
    }

    /// <summary>The instruction's scan: its blissdata writers and public scan_info (looked up again while absent: the pre-move and
    /// baseline read come before open).</summary>
    private async Task<ScanContext> ContextAsync(DeviceInstructionMessage ins)
    {
        if (ins.Metadata.GetOrNull(MetadataKeys.ScanId) is not BecStr { Value: var scanId }) return ScanContext.None;
        if (!_scanInfos.TryGetValue(scanId, out var info) && await Bus.BecOutage.RetryAsync(() => bec.GetAsync(MessageEndpoints.PublicScanInfo(scanId))) is { } status)
        {
            info = status.Info;
            if (_scanInfos.Count > 50) _scanInfos.Clear();
            _scanInfos[scanId] = info;
        }
        return new ScanContext(scanId, await streams.ForAsync(ins), info);
    }

    private ServedDevice Find(string name) => devices.TryGetValue(name, out var d)
        ? d.Enabled ? d : throw new InstructionRefusedException($"{name} is disabled: {d.Problem}; fix it and restart the device server")
        : throw new InstructionRefusedException($"no device '{name}' on this device server; its devices: {string.Join(", ", devices.Keys)}");

    private Task ErrorAsync(DeviceInstructionMessage ins, string message, string type) =>
        SendAsync(new DeviceInstructionResponse
        {
            Metadata = ins.Metadata, Device = ins.Device, Status = InstructionStatus.Error, Instruction = ins,
            ErrorInfo = new ErrorInfo { ErrorMessage = message, CompactErrorMessage = message, ExceptionType = type, Device = ins.Device },
            InstructionId = InstructionId(ins), ResultIsStatus = null,
        });

    private Task AckAsync(DeviceInstructionMessage ins, InstructionStatus status, bool? resultIsStatus, BecValue? result = null) =>
        SendAsync(new DeviceInstructionResponse
        {
            Metadata = ins.Metadata, Device = ins.Device, Status = status, ErrorInfo = null, Instruction = ins,
            InstructionId = InstructionId(ins), ResultIsStatus = resultIsStatus, Result = result ?? BecValue.Nil,
        });

    // An acknowledgement lost to a Redis outage would leave the scan server waiting for it until its timeout: it is sent again once
    // Redis is back (BecOutage: transient failures only, in real time, up to its limit).
    private Task SendAsync(DeviceInstructionResponse response)
    {
        if (response.InstructionId.Length > 0) _records.Acknowledging(response.InstructionId, response);
        return Bus.BecOutage.RetryAsync(() => bec.SendAsync(MessageEndpoints.DeviceInstructionsResponse(), response));
    }

    private static string InstructionId(DeviceInstructionMessage ins) =>
        ins.Metadata.GetOrNull(MetadataKeys.DeviceInstrId) is BecStr id ? id.Value : "";
}
