using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Guard;

namespace Testbed.Scans.ScanServer.Scans;

/// <summary><c>device_rpc(device, func, func_args, func_kwargs, rpc_id)</c>: every client-side method call on a device. A plain read
/// goes straight to the device server (<see cref="IsDirect"/>, fixture 07); other calls run as a queue item.</summary>
public sealed class DeviceRpcKind : IScanKind
{
    private static readonly HashSet<string> Direct = ["read", "get", "read_configuration"];

    public string Name => "device_rpc";

    /// <summary>A read-like call that bypasses the queue.</summary>
    public static bool IsDirect(BoundRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Values["func"] is BecStr s && Direct.Contains(s.Value);
    }

    /// <summary>The rpc instruction's parameter, in the recorded order (device, rpc_id, func, args, kwargs).</summary>
    public static BecMap Parameter(BoundRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new BecMap
        {
            ["device"] = r.Values["device"],
            ["rpc_id"] = r.Values["rpc_id"],
            ["func"] = r.Values["func"],
            ["args"] = r.Values["func_args"],
            ["kwargs"] = r.Values["func_kwargs"],
        };
    }

    public Task<ScanJob> PlanAsync(ScanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Request;
        var device = r.Values["device"].AsString().Split('.')[0];
        if (context.Devices.Find(device) is not { } d)
            throw ScanArguments.Refuse(r.Call, $"there is no device '{device}' in this session");
        if (!d.Enabled) throw ScanArguments.Refuse(r.Call, d.DisabledText);
        return Task.FromResult<ScanJob>(new RpcJob(Name, r.Call, device, Parameter(r)));
    }
}
