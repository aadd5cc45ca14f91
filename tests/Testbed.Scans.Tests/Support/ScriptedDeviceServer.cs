using System.Collections.Concurrent;
using Testbed.Bec;
using Testbed.Bec.Codec;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Services;
using Testbed.Bec.Values;

namespace Testbed.Scans.Tests.Support;

/// <summary>A device server scripted for tests, speaking the recorded protocol over Redis (fixtures 02–07): it publishes the fixture
/// devices as the recorded one did, acknowledges every instruction running → (running, result_is_status) → completed | error, publishes
/// reads, readbacks, status, rpc results and req_status, and writes blissdata streams as the contract says (<see cref="BlissdataWriter"/>).
/// Readings are the recorded ones of the replayed session where it has them, else simple simulated values.</summary>
public sealed class ScriptedDeviceServer : IAsyncDisposable
{
    private static readonly DeviceInstructionAction[] StatusActions = [DeviceInstructionAction.Set, DeviceInstructionAction.Trigger, DeviceInstructionAction.Complete];
    private readonly BecConnector _bec;
    private readonly RecordedDevices _devices;
    private readonly ServiceHeartbeat _beat;
    private readonly ConcurrentDictionary<string, double> _positions = new(StringComparer.Ordinal);
    private readonly List<BecSubscription> _subscriptions = [];

    private ScriptedDeviceServer(BecConnector bec, RecordedDevices devices, ServiceHeartbeat beat)
    {
        _bec = bec;
        _devices = devices;
        _beat = beat;
        Blissdata = new BlissdataWriter(bec);
    }

    /// <summary>Every instruction received, in order.</summary>
    public ConcurrentQueue<DeviceInstructionMessage> Received { get; } = new();

    /// <summary>Every stop_devices request received.</summary>
    public ConcurrentQueue<VariableMessage> Stops { get; } = new();

    /// <summary>Returns an error to send instead of completed (a driver failure), or null.</summary>
    public Func<DeviceInstructionMessage, ErrorInfo?>? Fail { get; set; }

    /// <summary>True: the instruction gets no acknowledgement at all (a device server that lost it).</summary>
    public Func<DeviceInstructionMessage, bool>? Ignore { get; set; }

    /// <summary>Awaited before an instruction completes (to hold a scan at a known point).</summary>
    public Func<DeviceInstructionMessage, Task>? Hold { get; set; }

    public BlissdataWriter Blissdata { get; }

    public double Position(string motor) => _positions.GetValueOrDefault(motor);

    public static async Task<ScriptedDeviceServer> StartAsync(string becUrl, RecordedSession? readings = null)
    {
        var bec = await BecConnector.ConnectAsync(becUrl, new BecConnectorOptions(), clientName: "DeviceServer");
        var beat = new ServiceHeartbeat(bec, "DeviceServer");
        var server = new ScriptedDeviceServer(bec, RecordedDevices.Load(readings), beat);
        foreach (var (key, payload) in server._devices.Keys) await bec.Database.StringSetAsync(key, payload);
        server._subscriptions.Add(await bec.SubscribeAsync(MessageEndpoints.DeviceInstructions(), m => server.HandleAsync(m.Message)));
        server._subscriptions.Add(await bec.SubscribeAsync(MessageEndpoints.StopDevices(), m =>
        {
            server.Stops.Enqueue(m.Message);
            return Task.CompletedTask;
        }));
        beat.Start();
        await beat.SetStatusAsync(BecStatus.Running);
        return server;
    }

    private async Task HandleAsync(DeviceInstructionMessage ins)
    {
        Received.Enqueue(ins);
        if (Ignore?.Invoke(ins) == true) return;
        await AckAsync(ins, InstructionStatus.Running, null);
        var action = ins.Action;
        var statusLike = StatusActions.Contains(action);
        if (statusLike) await AckAsync(ins, InstructionStatus.Running, true);
        BecValue result = BecValue.Nil;
        await Blissdata.OnInstructionAsync(ins);
        switch (action)
        {
            case DeviceInstructionAction.Set:
                await SetAsync(ins);
                break;
            case DeviceInstructionAction.Read:
                foreach (var device in ins.DeviceList) await PublishReadingAsync(device, ins.Metadata, Reading(device, ins.Metadata));
                await Blissdata.OnReadAsync(ins, d => Reading(d, ins.Metadata));
                break;
            case DeviceInstructionAction.Trigger:
                await Blissdata.OnTriggerAsync(ins);
                break;
            case DeviceInstructionAction.Complete:
                await Blissdata.OnCompleteAsync(ins);
                break;
            case DeviceInstructionAction.Rpc:
                result = await RpcAsync(ins);
                break;
        }
        if (Hold is { } hold) await hold(ins);
        if (Fail?.Invoke(ins) is { } error)
        {
            await _bec.SendAsync(MessageEndpoints.DeviceInstructionsResponse(), new DeviceInstructionResponse
            {
                Metadata = ins.Metadata, Device = ins.Device, Status = InstructionStatus.Error, ErrorInfo = error, Instruction = ins,
                InstructionId = ins.Metadata[MetadataKeys.DeviceInstrId].AsString(), ResultIsStatus = null,
            });
            return;
        }
        if (action == DeviceInstructionAction.Set && ins.Metadata.GetOrNull(MetadataKeys.Response) is BecBool { Value: true })
        {
            var rid = ins.Metadata[MetadataKeys.Rid].AsString();
            var status = new DeviceReqStatusMessage { Device = ins.DeviceList[0], Success = true, RequestId = rid };
            foreach (var (k, v) in ins.Metadata.Entries) status.Metadata.Add(k, v);
            status.Metadata.Set("action", "set");
            await _bec.XAddAsync(MessageEndpoints.DeviceReqStatus(rid), status, expire: TimeSpan.FromSeconds(3600));
        }
        await AckAsync(ins, InstructionStatus.Completed, statusLike ? true : null, result);
        if (action == DeviceInstructionAction.Set)
            await _bec.SetAsync(MessageEndpoints.DeviceStatus(ins.DeviceList[0]), new DeviceStatusMessage { Metadata = ins.Metadata, Device = ins.DeviceList[0], Status = 0 });
        if (action == DeviceInstructionAction.Rpc && ins.Parameter.GetOrNull("rpc_id") is BecStr rpcId)
            await _bec.SetAsync(MessageEndpoints.DeviceRpc(rpcId.Value), new DeviceRPCMessage
            {
                Device = ins.DeviceList[0], ReturnVal = result, Out = "", Success = true,
            }, TimeSpan.FromSeconds(1800));
    }

    private async Task SetAsync(DeviceInstructionMessage ins)
    {
        var device = ins.DeviceList[0];
        await _bec.SetAsync(MessageEndpoints.DeviceStatus(device), new DeviceStatusMessage { Metadata = ins.Metadata, Device = device, Status = 1 });
        _positions[device] = ins.Parameter["value"].AsDouble();
        var readback = new DeviceMessage { Metadata = ins.Metadata, Signals = Simulated(device) };
        await _bec.SetAndPublishAsync(MessageEndpoints.DeviceReadback(device), readback);
    }

    private async Task<BecValue> RpcAsync(DeviceInstructionMessage ins)
    {
        if (ins.Parameter.GetOrNull("func") is not BecStr { Value: "read" }) return BecValue.Nil;
        var device = ins.DeviceList[0];
        var signals = _devices.Reading(device, RecordedDevices.RpcSlot) ?? Simulated(device);
        await PublishReadingAsync(device, ins.Metadata, signals);
        return signals;
    }

    private Task PublishReadingAsync(string device, BecMap metadata, BecMap signals)
    {
        var reading = new DeviceMessage { Metadata = metadata, Signals = signals };
        return _bec.CreateTransaction()
            .SetAndPublish(MessageEndpoints.DeviceRead(device), reading)
            .SetAndPublish(MessageEndpoints.DeviceReadback(device), reading)
            .ExecuteAsync();
    }

    private BecMap Reading(string device, BecMap metadata)
    {
        var slot = metadata.GetOrNull(MetadataKeys.PointId) is BecInt p ? RecordedDevices.PointSlot(p.Value)
            : metadata.GetOrNull(MetadataKeys.ReadoutPriority) is BecStr { Value: "baseline" } ? RecordedDevices.BaselineSlot : RecordedDevices.RpcSlot;
        return _devices.Reading(device, slot) ?? Simulated(device);
    }

    /// <summary>A positioner stands where it was last sent (0 at start); bpm4i counts 100 + 10 × samx (a numpy uint32, as SimMonitor).</summary>
    private BecMap Simulated(string device)
    {
        var now = BecTime.Now(TimeProvider.System);
        BecMap Signal(BecValue v) => new() { ["value"] = v, ["timestamp"] = now };
        return device switch
        {
            "bpm4i" => new BecMap { ["bpm4i"] = Signal(NumpyScalar.From((uint)Math.Max(0, 100 + 10 * Position("samx")))) },
            "eiger" => [],
            _ => new BecMap
            {
                [device] = Signal(Position(device)),
                [$"{device}_setpoint"] = Signal(Position(device)),
                [$"{device}_motor_is_moving"] = Signal(0),
            },
        };
    }

    private Task AckAsync(DeviceInstructionMessage ins, InstructionStatus status, bool? resultIsStatus, BecValue? result = null) =>
        _bec.SendAsync(MessageEndpoints.DeviceInstructionsResponse(), new DeviceInstructionResponse
        {
            Metadata = ins.Metadata,
            Device = ins.Device,
            Status = status,
            ErrorInfo = null,
            Instruction = ins,
            InstructionId = ins.Metadata[MetadataKeys.DeviceInstrId].AsString(),
            ResultIsStatus = resultIsStatus,
            Result = result ?? BecValue.Nil,
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions) await s.DisposeAsync();
        await _beat.DisposeAsync();
        await Blissdata.DisposeAsync();
        await _bec.DisposeAsync();
    }
}
