using Testbed.Beamline;
using Testbed.Twin.Host;

namespace Testbed.Integration.Tests;

/// <summary>What a client reads once the twin runs: the beamline file with every url: as bound (ports given as 0 resolved).</summary>
internal static class ResolvedBeamline
{
    public static BeamlineConfig Resolved(BeamlineConfig served, params ITwinEndpoint[] endpoints) =>
        BeamlineConfig.Parse(BeamlinePorts.Resolve(served, endpoints), served.Source);
}
