using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Control;
using Testbed.Twin.Host.Elmo;

namespace Testbed.Twin.Tests.Host.Control;

/// <summary>A served beamline on free loopback ports, on a paused simulation clock, with its <see cref="TwinControl"/>.</summary>
internal sealed class ControlRig : IAsyncDisposable
{
    /// <summary>Two drives (one with user units), a picoammeter on raw TCP, a detector and a world reading the axes.</summary>
    public const string Beamline = """
        - class: world
          name: world
          sample:
            - {along: tx, shape: gaussian, centre: 0.3, width: 0.15, height: 0.9, background: 0.1}
        - class: elmo
          name: tx_ctrl
          udp: {url: 127.0.0.1:0}
          axes: [{name: tx, steps_per_unit: 2000, velocity: 5, acceleration: 20}]
          twin: {fls: 110000, rls: -110000}
        - class: elmo
          name: m2
          udp: {url: 127.0.0.1:0}
        - class: keithley
          name: pico
          model: 6485
          serial: {url: "tcp://127.0.0.1:0", eol: "\n"}
          sensors: [{name: diode, address: 1}]
        - class: simplon_detector
          name: det1
          http: {url: "http://127.0.0.1:0"}
          data_root: data
          twin: {width: 16, height: 16}
        """;

    private readonly TempDirectory _dir;

    private ControlRig(TempDirectory dir, SimulationClock clock, ServedBeamline served)
    {
        _dir = dir;
        Clock = clock;
        Served = served;
        Control = new TwinControl(served);
    }

    public SimulationClock Clock { get; }

    public ServedBeamline Served { get; }

    public TwinControl Control { get; }

    public static async Task<ControlRig> StartAsync(string yaml = Beamline)
    {
        var dir = new TempDirectory("control");
        var path = dir.File("beamline.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var config = BeamlineConfig.Load(path);
        var clock = new SimulationClock(paused: true);
        var served = await ServedBeamline.StartAsync(config, PortPolicy.AsFile, new TwinContext(clock, NullLoggerFactory.Instance, config.BaseDirectory), null, CancellationToken.None);
        return new ControlRig(dir, clock, served);
    }

    public T Endpoint<T>(string name) where T : ITwinEndpoint => Served.Endpoints.OfType<T>().Single(e => e.Name == name);

    /// <summary>Sends one datagram to the drive and returns its reply (retried: a reply later than the drive's deadline is dropped).</summary>
    public string Udp(string controller, string request)
    {
        var port = Endpoint<ElmoTwinEndpoint>(controller).Server.LocalEndPoint.Port;
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        udp.Connect(IPAddress.Loopback, port);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            udp.Send(Encoding.ASCII.GetBytes(request));
            if (!udp.Client.Poll(TimeSpan.FromSeconds(2), SelectMode.SelectRead)) continue;
            IPEndPoint? from = null;
            return Encoding.ASCII.GetString(udp.Receive(ref from));
        }
        throw new AssertionException($"no reply from {controller} to '{request.TrimEnd()}' in 5 attempts");
    }

    public async ValueTask DisposeAsync()
    {
        await Served.DisposeAsync();
        Clock.Dispose();
        _dir.Dispose();
    }
}
