using Microsoft.Extensions.Logging;
using Testbed.Beamline;
using Testbed.Twin.Keithley.Model;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Host.Keithley;

/// <summary>Builds simulated Keithley 6485/6487 picoammeters from BLISS <c>class: keithley</c> entries.</summary>
public sealed class KeithleyTwinFactory : ITwinFactory
{
    public IReadOnlyCollection<string> Classes { get; } = ["keithley"];

    public IEnumerable<ITwinEndpoint> Create(ControllerConfig controller, TwinContext context)
    {
        var settings = KeithleyTwinSettings.From(controller, context.BaseDirectory);
        var logger = context.Loggers.CreateLogger($"Testbed.Twin.Keithley.{controller.Name}");
        var model = new KeithleyPicoammeter(settings.Options, context.Clock, settings.CreateCurrent(context.Clock.GetUtcNow()));
        var instrument = new KeithleyInstrument(model, settings.Line, settings.ReplyTerminator);
        var noise = new LineNoise(settings.NoiseGarble, settings.NoiseDrop, settings.NoiseSeed);
        var url = settings.Url;
        Func<PtySerialPort>? pty = null;
        Func<TcpSerialServer>? tcp = null;
        Func<Func<int>, Ser2NetControlPort>? control = null;
        switch (url.Scheme)
        {
            case "pty":
                pty = () => new PtySerialPort(instrument, url.LinkPath!, context.Clock, settings.BaudPacing, noise, settings.PtyMode, logger);
                break;
            case "tcp":
                tcp = () => new TcpSerialServer(instrument, url.Endpoint!, context.Clock, TcpSerialProtocol.Raw, settings.BaudPacing, noise, logger);
                break;
            case "rfc2217":
                tcp = () => new TcpSerialServer(instrument, url.Endpoint!, context.Clock, TcpSerialProtocol.Rfc2217, settings.BaudPacing, noise, logger);
                break;
            case "ser2net":
                var rfc = new System.Net.IPEndPoint(url.Endpoint!.Address, settings.Ser2NetPort);
                tcp = () => new TcpSerialServer(instrument, rfc, context.Clock, TcpSerialProtocol.Rfc2217, settings.BaudPacing, noise, logger);
                control = port => new Ser2NetControlPort(url.Endpoint, [new Ser2NetPort(port, url.Device!, settings.Line)], logger);
                break;
        }
        yield return new KeithleyTwinEndpoint(controller.Name, instrument, noise, url, pty, tcp, control);
    }
}
