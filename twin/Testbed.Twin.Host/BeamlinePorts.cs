using System.Globalization;
using Testbed.Beamline;
using Testbed.Beamline.Schema;

namespace Testbed.Twin.Host;

/// <summary>Serving a beamline file on other ports than its own, and the resolved file clients then use (every <c>url:</c> as bound).</summary>
/// <remarks>Both are rewrites of the file's text, so the twin builds its endpoints from an ordinary beamline file either way.</remarks>
public static class BeamlinePorts
{
    /// <summary>The beamline to serve: every port mapped by <paramref name="policy"/>; unless it keeps the file's ports,
    /// pty links go into <paramref name="runDirectory"/> so that two twins of one file never share a link.</summary>
    public static BeamlineConfig Apply(BeamlineConfig config, PortPolicy policy, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.KeepsFile) return config;
        var values = new List<(ConfigNode, string)>();
        foreach (var (_, url, address) in config.Addresses())
        {
            if (address.Scheme == "tty")
            {
                values.Add((url, Path.Combine(runDirectory, Path.GetFileName(address.Path!))));
                continue;
            }
            var port = policy.Map(address.Port);
            if (port is < 0 or > 65535) throw url.Error(null, $"port {address.Port} {policy} is {port}, outside 0…65535; choose a smaller offset");
            values.Add((url, address.WithPort(port).Url));
        }
        foreach (var c in config.Controllers)
            if (c.Twin?.Get("ser2net_port") is { } extra)
                values.Add((extra, policy.Map((int)extra.AsLong()).ToString(CultureInfo.InvariantCulture)));
        return BeamlineConfig.Parse(config.Rewrite(values), config.Source);
    }

    /// <summary>The beamline file as served: each <c>url:</c> replaced by the address its endpoint bound, relative paths made absolute,
    /// so the file works from any folder for BLISS, the drivers and <c>testbed demo --no-twin</c>.</summary>
    public static string Resolve(BeamlineConfig served, IEnumerable<ITwinEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(endpoints);
        var byName = endpoints.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.First());
        var values = new List<(ConfigNode, string)>();
        foreach (var (controller, url, _) in served.Addresses())
            if (byName.TryGetValue(controller.Name, out var endpoint)) values.Add((url, endpoint.Url));
        foreach (var c in served.Controllers)
        {
            if (BeamlineSchema.Of(c.Class)?.PathKeys is not { } keys) continue;
            foreach (var key in keys)
                if (c.Node.Get(key) is { IsScalar: true } node)
                    values.Add((node, Path.GetFullPath(Path.Combine(served.BaseDirectory, node.AsString()))));
        }
        return served.Rewrite(values);
    }
}
