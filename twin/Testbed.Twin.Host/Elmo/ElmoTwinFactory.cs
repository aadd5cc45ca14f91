using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Twin.Elmo.Model;

namespace Testbed.Twin.Host.Elmo;

/// <summary>Builds simulated Elmo drives for <c>class: elmo</c> (Gold personality) and <c>class: Elmo_whistle</c> (SimplIQ personality), served over UDP.</summary>
/// <remarks>The address comes from <c>udp: url: host[:port]</c> (port 5001 when omitted); the <c>twin:</c> block maps onto <see cref="ElmoDriveSettings"/> (<see cref="ElmoTwinSettings.Keys"/>, listed in the folder README).</remarks>
public sealed class ElmoTwinFactory : ITwinFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["elmo", "Elmo_whistle"];

    public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
    {
        var settings = ElmoTwinSettings.Read(controller);
        var bind = new IPEndPoint(Resolve(settings.Url, settings.Address.Host!), settings.Address.Port);
        var drive = new ElmoDrive(context.Clock, settings.Drive);
        var axis = controller.Axes.Count > 0 ? controller.Axes[0].String("name") : null;
        var description = $"Elmo {(settings.Drive.Personality == ElmoPersonality.Gold ? "Gold" : "SimplIQ")} drive twin over UDP{(axis is null ? "" : $", axis {axis}")}";
        var logger = context.Loggers.CreateLogger("Testbed.Twin.Elmo." + controller.Name);
        if (controller.Axes.Count > 0 && axis is not null) context.Axes.Add(axis, UserPosition(controller.Axes[0], drive));
        return [new ElmoTwinEndpoint(controller.Name, settings.Address.Host!, bind, drive, description, logger)];
    }

    // The world sees the axis as the beamline file defines its user position: sign · counts / steps_per_unit + offset.
    private static Func<double> UserPosition(ConfigNode axis, ElmoDrive drive)
    {
        var stepsPerUnit = axis.Double("steps_per_unit", 1);
        if (stepsPerUnit == 0) throw axis.Error("steps_per_unit", "steps_per_unit must not be 0 (counts per unit; negative reverses the direction)");
        var sign = axis.Int("sign", 1);
        var offset = axis.Double("offset", 0);
        return () => sign * (drive.Position / stepsPerUnit) + offset;
    }

    private static IPAddress Resolve(ConfigNode url, string host)
    {
        if (IPAddress.TryParse(host, out var address)) return address;
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                   ?? throw url.Error(null, $"host '{host}' has no IPv4 address; Elmo drives speak UDP over IPv4");
        }
        catch (SocketException e)
        {
            throw url.Error(null, $"cannot resolve host '{host}': {e.Message}; use an IP address such as 127.0.0.1");
        }
    }
}
