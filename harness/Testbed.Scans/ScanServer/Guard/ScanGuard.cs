using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Queue;
using Testbed.Bec.Redis;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Catalogue;
using Testbed.Scans.ScanServer.Devices;
using Testbed.Scans.ScanServer.Queue;
using Testbed.Scans.ScanServer.Scans;
using Testbed.Scans.Validation;

namespace Testbed.Scans.ScanServer.Guard;

/// <summary>Checks every request of <c>personal/*/queue/queue_request</c> before anything moves — the user, the scan name, the arguments
/// against the published signature, the motors and their soft limits — and answers on <c>info/queue/queue_request_response</c> with
/// the request's metadata (accepted, or refused with the reason in the user's terms). Accepted requests are forwarded on
/// <c>info/queue/queue_insert</c> and queued; a plain device read goes straight to the device server (fixture 07).</summary>
public sealed class ScanGuard(ScanServerRuntime runtime, ScanCatalogue catalogue)
{
    public async Task HandleAsync(BecPubSubMessage<ScanQueueMessage> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var request = received.Message;
        try
        {
            CheckUser(received.Channel, request);
            if (!catalogue.TryGet(request.ScanType, out var signature))
                throw new RequestRefusedException($"scan '{request.ScanType}' is not known to this scan server (it runs {string.Join(", ", catalogue.Names)})");
            var bound = ScanArguments.Bind(signature, request.Parameter);
            var devices = await DeviceSet.LoadAsync(runtime.Bec);
            if (request.ScanType == "device_rpc" && DeviceRpcKind.IsDirect(bound))
            {
                var device = bound.Values["device"].AsString();
                if (devices.Find(device.Split('.')[0]) is null) throw ScanArguments.Refuse(bound.Call, $"there is no device '{device}' in this session");
                await RespondAsync(request, accepted: true, "");
                var rpc = await runtime.Instructions.SendAsync(device, DeviceInstructionAction.Rpc, DeviceRpcKind.Parameter(bound), []);
                runtime.Instructions.Observe(rpc);
                return;
            }
            var job = await ScanKinds.All[request.ScanType].PlanAsync(new ScanContext(bound, devices, runtime.Bec, request));
            await RespondAsync(request, accepted: true, "");
            var forwarded = Plain(request);
            await runtime.Bec.SendAsync(MessageEndpoints.ScanQueueInsert(), forwarded);
            var item = new QueueItem(forwarded, job);
            if (job.IsScan) item.ScanNumber = runtime.Numbers.Current + 1 + runtime.Queue.WaitingScans;
            await runtime.Queue.AddAsync(item);
        }
        catch (Exception e) when (e is ScanParameterException or RequestRefusedException)
        {
            runtime.Logger.LogRefused(request.Metadata.GetOrNull(MetadataKeys.Rid)?.ToString() ?? "?", e.Message);
            await RespondAsync(request, accepted: false, e.Message);
        }
    }

    /// <summary>The channel's user must be the request's ACL user (<c>default</c> without ACLs), as BEC's ScanGuard requires.</summary>
    private static void CheckUser(string channel, ScanQueueMessage request)
    {
        var user = channel.Split('/') is [_, var u, ..] ? u : "";
        if ((request.Metadata.GetOrNull(MetadataKeys.ClientInfo) as BecMap)?.GetOrNull("acl_user") is BecStr acl && acl.Value != user)
            throw new RequestRefusedException($"the request came on {channel} but from ACL user '{acl.Value}'; send it on personal/{acl.Value}/queue/queue_request");
    }

    private Task RespondAsync(ScanQueueMessage request, bool accepted, string message) =>
        runtime.Bec.SendAsync(MessageEndpoints.ScanQueueRequestResponse(), new RequestResponseMessage
        {
            Metadata = request.Metadata,
            Accepted = accepted,
            Message = message,
        });

    /// <summary>The request as BEC forwards it: decoded and re-encoded, so device objects (map keys) become their names.</summary>
    private static ScanQueueMessage Plain(ScanQueueMessage request) => new()
    {
        Metadata = (BecMap)ScanArguments.Plain(request.Metadata),
        ScanType = request.ScanType,
        Parameter = (BecMap)ScanArguments.Plain(request.Parameter),
        Queue = request.Queue,
        AllowRestart = request.AllowRestart,
    };
}
