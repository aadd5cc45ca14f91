using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Services;
using Testbed.Scans.Bus;
using Testbed.Scans.ScanServer.Catalogue;

namespace Testbed.Scans.SciHub;

/// <summary>The SciHub stand-in (heartbeat <c>SciHub</c>), only as far as a BEC client needs it: the heartbeat a client waits for, and
/// the keys the recorded SciHub writes at start (<c>public/endpoints</c>, <c>public/acl/login_info</c>, <c>admin/acl/accounts</c>, as
/// recorded). The device config (<c>info/devices/config</c>) is the device server side's; config requests, Atlas and messaging
/// services are not implemented.</summary>
public sealed class SciHubService(BecServiceOptions options) : BecService("SciHub", options)
{
    protected override async Task StartServiceAsync(CancellationToken ct)
    {
        await Bec.SetAsync(MessageEndpoints.AclAccounts(), RecordedPayloads.Message<ACLAccountsMessage>("acl_accounts"));
        await Bec.SetAsync(MessageEndpoints.LoginInfo(), RecordedPayloads.Message<LoginInfoMessage>("login_info"));
        await Bec.SetAsync(MessageEndpoints.EndpointInfo(), RecordedPayloads.Message<AvailableResourceMessage>("public_endpoints"));
    }
}
