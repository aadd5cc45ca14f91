using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Host.Keithley;

/// <summary>Builds simulated Keithley 6485/6487 picoammeters from BLISS <c>class: keithley</c> entries (keys: <see cref="KeithleyTwinSettings.Keys"/>).</summary>
public sealed class KeithleyTwinFactory : ITwinFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["keithley"];

    public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
    {
        var settings = KeithleyTwinSettings.Read(controller, context.BaseDirectory);
        var endpoint = settings.Address.Scheme == "tty" ? null : new IPEndPoint(Resolve(settings.Url, settings.Address.Host!), settings.Address.Port);
        if (settings.Current.Signal is not null && context.World is null)
            throw controller.Node.Error("twin", $"current: {{signal: {settings.Current.Signal}}} needs the beamline's world: add a `class: world` entry to the file (see docs/world.md)");
        var model = new KeithleyPicoammeter(settings.Options, context.Clock, settings.Current.Create(context.Clock.GetUtcNow(), context.World));
        var instrument = new KeithleyInstrument(model, settings.Line, settings.ReplyTerminator);
        var noise = new LineNoise(settings.Noise.Garble, settings.Noise.Drop, settings.Noise.Seed, new Testbed.Twin.Faults.LinkFaults(controller.Name, settings.Noise.Seed));
        var logger = context.Loggers.CreateLogger($"Testbed.Twin.Keithley.{controller.Name}");
        return [new KeithleyTwinEndpoint(controller.Name, instrument, noise, settings, endpoint, context.Clock, logger)];
    }

    private static IPAddress Resolve(ConfigNode url, string host)
    {
        if (IPAddress.TryParse(host, out var ip)) return ip;
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                   ?? throw url.Error(null, $"host '{host}' has no IPv4 address; write an address such as 127.0.0.1");
        }
        catch (SocketException e)
        {
            throw url.Error(null, $"cannot resolve host '{host}' ({e.Message}); write an address such as 127.0.0.1");
        }
    }
}
