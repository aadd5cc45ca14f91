using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Services;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.Bus;
using Testbed.Scans.DeviceServer.Devices;

namespace Testbed.Scans.DeviceServer;

/// <summary>What the device server publishes about its devices, on the recorded keys: the config and a description per device at
/// start, limits, readings (read + readback with the instruction's metadata), readbacks after moves, move status.</summary>
public sealed class DevicePublisher(BecConnector bec)
{
    /// <summary>SET <c>info/devices/config</c> and each <c>info/devices/info/&lt;dev&gt;</c>; SET+PUB limits.</summary>
    public async Task PublishDevicesAsync(IReadOnlyList<ServedDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        foreach (var d in devices)
        {
            await bec.SetAsync(MessageEndpoints.DeviceInfo(d.Name), new DeviceInfoMessage { Device = d.Name, Info = d.Info() });
            if (d.Limits is var (low, high))
                await bec.SetAndPublishAsync(MessageEndpoints.DeviceLimits(d.Name), new DeviceMessage
                {
                    Signals = new BecMap { ["low"] = new BecMap { ["value"] = low }, ["high"] = new BecMap { ["value"] = high } },
                });
        }
        // The config last: a scan server that sees it finds every device's description.
        await bec.SetAsync(MessageEndpoints.DeviceConfig(), new AvailableResourceMessage { Resource = new BecList(devices.Select(d => (BecValue)d.Config())) });
    }

    /// <summary>SET+PUB <c>info/devices/read/&lt;dev&gt;</c> and <c>…/readback/&lt;dev&gt;</c> in one MULTI, as the recorded server.</summary>
    /// <remarks>Tried again while Redis is away, as every write of an instruction (<see cref="BecOutage"/>): an outage delays the
    /// instruction instead of failing it.</remarks>
    public Task ReadingAsync(string device, BecMap metadata, BecMap signals)
    {
        var reading = new DeviceMessage { Metadata = metadata, Signals = signals };
        return BecOutage.RetryAsync(() => bec.CreateTransaction()
            .SetAndPublish(MessageEndpoints.DeviceRead(device), reading)
            .SetAndPublish(MessageEndpoints.DeviceReadback(device), reading)
            .ExecuteAsync());
    }

    public Task ReadbackAsync(string device, BecMap metadata, BecMap signals) =>
        BecOutage.RetryAsync(() => bec.SetAndPublishAsync(MessageEndpoints.DeviceReadback(device), new DeviceMessage { Metadata = metadata, Signals = signals }));

    public Task ConfigurationAsync(string device, BecMap signals) =>
        bec.SetAndPublishAsync(MessageEndpoints.DeviceReadConfiguration(device), new DeviceMessage { Signals = signals });

    /// <summary>SET <c>info/devices/status/&lt;dev&gt;</c>: 1 moving, 0 done.</summary>
    public Task StatusAsync(string device, BecMap metadata, long status) =>
        BecOutage.RetryAsync(() => bec.SetAsync(MessageEndpoints.DeviceStatus(device), new DeviceStatusMessage { Metadata = metadata, Device = device, Status = status }));

    /// <summary>XADD <c>info/devices/req_status/&lt;RID&gt;</c> (EXPIRE 1 h) when a move asked for a response is done.</summary>
    public Task RequestDoneAsync(string device, string rid, BecMap metadata, bool success)
    {
        var status = new DeviceReqStatusMessage { Device = device, Success = success, RequestId = rid };
        foreach (var (k, v) in metadata.Entries) status.Metadata.Add(k, v);
        status.Metadata.Set("action", "set");
        return BecOutage.RetryAsync(() => bec.XAddAsync(MessageEndpoints.DeviceReqStatus(rid), status, expire: TimeSpan.FromSeconds(3600)));
    }

    /// <summary>SET <c>info/devices/rpc/&lt;rpc_id&gt;</c> (EX 1800): the result a client polls for.</summary>
    public Task RpcResultAsync(string rpcId, string device, BecValue result, BecValue output, bool success) =>
        BecOutage.RetryAsync(() => bec.SetAsync(MessageEndpoints.DeviceRpc(rpcId), new DeviceRPCMessage { Device = device, ReturnVal = result, Out = output, Success = success },
            TimeSpan.FromSeconds(1800)));
}
