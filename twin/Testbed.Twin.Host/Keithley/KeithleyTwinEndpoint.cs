using Testbed.Twin.Keithley.Protocol;
using Testbed.Twin.Serial;

namespace Testbed.Twin.Host.Keithley;

/// <summary>One simulated Keithley on its serial transport (pty, TCP, RFC 2217 or ser2net control port + RFC 2217).</summary>
public sealed class KeithleyTwinEndpoint : ITwinEndpoint
{
    private readonly KeithleySerialUrl _url;
    private readonly Func<PtySerialPort>? _pty;
    private readonly Func<TcpSerialServer>? _tcp;
    private readonly Func<Func<int>, Ser2NetControlPort>? _control;

    internal KeithleyTwinEndpoint(string name, KeithleyInstrument instrument, LineNoise noise, KeithleySerialUrl url,
        Func<PtySerialPort>? pty, Func<TcpSerialServer>? tcp, Func<Func<int>, Ser2NetControlPort>? control)
    {
        Name = name;
        Instrument = instrument;
        Noise = noise;
        _url = url;
        _pty = pty;
        _tcp = tcp;
        _control = control;
        Address = Describe();
    }

    public string Name { get; }

    public string Address { get; private set; }

    public string Description => Instrument.Description;

    /// <summary>The simulated instrument (model, error queue), for inspection and fault injection.</summary>
    public KeithleyInstrument Instrument { get; }

    /// <summary>The line noise on the instrument→host direction; change its probabilities at run time.</summary>
    public LineNoise Noise { get; }

    public PtySerialPort? Pty { get; private set; }

    public TcpSerialServer? Server { get; private set; }

    public Ser2NetControlPort? ControlPort { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_pty is not null)
        {
            Pty = _pty();
            Pty.Start();
        }
        if (_tcp is not null)
        {
            Server = _tcp();
            Server.Start();
        }
        if (_control is not null)
        {
            var server = Server!;
            ControlPort = _control(() => server.Endpoint.Port);
            ControlPort.Start();
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

    public string Url => _url.Scheme switch
    {
        "pty" => _url.LinkPath!,
        "ser2net" => $"ser2net://{ControlPort?.Endpoint ?? _url.Endpoint}{_url.Device}",
        _ => $"{_url.Scheme}://{Server?.Endpoint ?? _url.Endpoint}",
    };

    private string Describe() => _url.Scheme switch
    {
        "pty" => Pty is null ? _url.LinkPath! : $"{_url.LinkPath} -> {Pty.SlavePath}",
        "ser2net" => $"ser2net://{ControlPort?.Endpoint ?? _url.Endpoint}{_url.Device} (RFC 2217 on port {Server?.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})",
        _ => $"{_url.Scheme}://{Server?.Endpoint ?? _url.Endpoint}",
    };
}
