using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Beamline.Lines;
using Testbed.Beamline.Schema;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Host.Elmo;

/// <summary>Builds simulated Elmo drives for <c>class: elmo</c> (Gold personality) and <c>class: Elmo_whistle</c> (SimplIQ personality), served over UDP.</summary>
/// <remarks>The address comes from <c>udp: url: host[:port]</c> (port 5001 when omitted); the <c>twin:</c> block maps onto <see cref="ElmoDriveSettings"/> (keys in the folder README).</remarks>
public sealed class ElmoTwinFactory : ITwinFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["elmo", "Elmo_whistle"];

    public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
    {
        var whistle = string.Equals(controller.Class, "Elmo_whistle", StringComparison.OrdinalIgnoreCase);
        var twin = controller.Twin;
        twin?.ExpectOnly(ElmoTwinKeys.All);
        var settings = ElmoTwinKeys.Read(twin, whistle ? ElmoPersonality.SimplIq : ElmoPersonality.Gold);
        var (host, bind) = Address(controller, twin);
        var drive = new ElmoDrive(context.Clock, settings);
        var axis = controller.Axes.Count > 0 ? controller.Axes[0].String("name") : null;
        var description = $"Elmo {(settings.Personality == ElmoPersonality.Gold ? "Gold" : "SimplIQ")} drive twin over UDP{(axis is null ? "" : $", axis {axis}")}";
        var logger = context.Loggers.CreateLogger("Testbed.Twin.Elmo." + controller.Name);
        return [new ElmoTwinEndpoint(controller.Name, host, bind, drive, description, logger)];
    }

    private static (string Host, IPEndPoint Bind) Address(ControllerConfig controller, ConfigNode? twin)
    {
        ConfigNode urlNode;
        if (controller.Node.Get("udp") is { } udp) urlNode = udp.Require("url");
        else if (twin?.Get("udp_url") is { } alt) urlNode = alt;
        else
            throw controller.Node.Error(null,
                "the twin serves Elmo drives over UDP only; add 'udp: {url: host:port}' (or 'twin: {udp_url: host:port}' for a serial Elmo_whistle entry)");
        var line = LineAddress.Parse(urlNode, LineKind.Udp, ".");
        var (host, port) = (line.Host!, line.Port);
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                          ?? throw urlNode.Error(null, $"host '{host}' has no IPv4 address; Elmo drives speak UDP over IPv4");
            }
            catch (SocketException e)
            {
                throw urlNode.Error(null, $"cannot resolve host '{host}': {e.Message}; use an IP address such as 127.0.0.1");
            }
        }
        return (host, new IPEndPoint(address, port));
    }
}
