using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Host.Keithley;

/// <summary>One simulated Keithley on its serial transport (pty, TCP, RFC 2217 or ser2net control port + RFC 2217), created when it starts.</summary>
public sealed class KeithleyTwinEndpoint : ITwinEndpoint
{
    private readonly KeithleyTwinSettings _settings;
    private readonly IPEndPoint? _endpoint;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <param name="name">The controller name.</param>
    /// <param name="instrument">The simulated instrument.</param>
    /// <param name="noise">The line noise on the instrument → host direction.</param>
    /// <param name="settings">The entry as read.</param>
    /// <param name="endpoint">The resolved TCP endpoint of a tcp, rfc2217 or ser2net url (the control port for ser2net); null for a pty.</param>
    /// <param name="clock">The simulation clock the transport paces replies on.</param>
    /// <param name="logger">Where the transport reports clients and line-setting mismatches.</param>
    public KeithleyTwinEndpoint(string name, KeithleyInstrument instrument, LineNoise noise, KeithleyTwinSettings settings, IPEndPoint? endpoint,
        TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        Instrument = instrument;
        Noise = noise;
        _settings = settings;
        _endpoint = endpoint;
        _clock = clock;
        _logger = logger;
        Address = Describe();
        // A delay or split happens in the line's pump, after the SCPI exchange was recorded: note it on that exchange.
        if (noise.Link is { } link) link.ReplyShaped += note => Transcript.NoteNewest(note);
    }

    public string Name { get; }

    public string Address { get; private set; }

    public string Description => Instrument.Description;

    /// <summary>The simulated instrument (model, error queue), for inspection and fault injection.</summary>
    public KeithleyInstrument Instrument { get; }

    /// <summary>The line noise on the instrument→host direction; change its probabilities at run time.</summary>
    public LineNoise Noise { get; }

    /// <summary>Every session's command lines and replies (the instrument's, shared by all its connections).</summary>
    public Testbed.Twin.Metrics.WireTranscript Transcript => Instrument.Context.Transcript;

    public PtySerialPort? Pty { get; private set; }

    public TcpSerialServer? Server { get; private set; }

    public Ser2NetControlPort? ControlPort { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var s = _settings;
        Transcript.Begin();
        switch (s.Address.Scheme)
        {
            case "tty":
                Pty = new PtySerialPort(Instrument, s.Address.Path!, _clock, s.BaudPacing, Noise, s.PtyMode, _logger);
                Pty.Start();
                break;
            case "ser2net":
                var server = StartServer(new IPEndPoint(_endpoint!.Address, s.Ser2NetPort), TcpSerialProtocol.Rfc2217);
                ControlPort = new Ser2NetControlPort(_endpoint, [new Ser2NetPort(() => server.Endpoint.Port, s.Address.Path!, s.Line)], _logger);
                ControlPort.Start();
                break;
            default:
                StartServer(_endpoint!, s.Address.Scheme == "rfc2217" ? TcpSerialProtocol.Rfc2217 : TcpSerialProtocol.Raw);
                break;
        }
        Address = Describe();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (ControlPort is not null) await ControlPort.DisposeAsync();
        if (Server is not null) await Server.DisposeAsync();
        if (Pty is not null) await Pty.DisposeAsync();
    }

    public string Url => _settings.Address.Scheme switch
    {
        "tty" => _settings.Address.Path!,
        "ser2net" => $"ser2net://{ControlPort?.Endpoint ?? _endpoint}{_settings.Address.Path}",
        var scheme => $"{scheme}://{Server?.Endpoint ?? _endpoint}",
    };

    private TcpSerialServer StartServer(IPEndPoint endpoint, TcpSerialProtocol protocol)
    {
        Server = new TcpSerialServer(Instrument, endpoint, _clock, protocol, _settings.BaudPacing, Noise, _logger);
        Server.Start();
        return Server;
    }

    private string Describe() => _settings.Address.Scheme switch
    {
        "tty" => Pty is null ? _settings.Address.Path! : $"{_settings.Address.Path} -> {Pty.SlavePath}",
        "ser2net" => $"ser2net://{ControlPort?.Endpoint ?? _endpoint}{_settings.Address.Path} (RFC 2217 on port {Server?.Endpoint.Port.ToString(CultureInfo.InvariantCulture) ?? "?"})",
        var scheme => $"{scheme}://{Server?.Endpoint ?? _endpoint}",
    };
}
