using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Elmo;
using Testbed.Twin.Host.Keithley;
using Testbed.Twin.Tests.Elmo;

namespace Testbed.Twin.Tests.Faults;

/// <summary>A beamline file served on free ports with a paused simulation clock: tests step virtual time and talk raw bytes.</summary>
internal sealed class ServedRig : IAsyncDisposable
{
    private readonly TempDirectory _dir;

    private ServedRig(TempDirectory dir, SimulationClock clock, ServedBeamline served)
    {
        _dir = dir;
        Clock = clock;
        Served = served;
    }

    public SimulationClock Clock { get; }

    public ServedBeamline Served { get; }

    public Testbed.Twin.Host.Faults.FaultInjector Faults => Served.Faults;

    /// <summary>One drive m_ctrl (axis m), one Keithley kdio on raw TCP, a world; <paramref name="faults"/> is the faults: list body.</summary>
    public static async Task<ServedRig> StartAsync(string faults = "", string extra = "")
    {
        var dir = new TempDirectory("faults");
        var path = dir.File("beamline.yaml");
        await File.WriteAllTextAsync(path, $$$"""
            - class: world
              name: world
              sample: [{along: m, shape: gaussian, centre: 0, width: 1, height: 1, background: 0}]
            - class: elmo
              name: m_ctrl
              udp: {url: "127.0.0.1:5001"}
              axes: [{name: m, steps_per_unit: 1000}]
              twin: {reply_deadline_ms: 10000, fls: 100000, rls: -100000}
            - class: keithley
              name: kdio
              model: 6485
              serial: {url: "tcp://127.0.0.1:28001"}
              twin: {current: {signal: i0, amperes: 2.0e-9}}
            {{{extra}}}
            - class: faults
              faults:
            {{{faults}}}
            """);
        var clock = new SimulationClock(paused: true);
        var config = BeamlineConfig.Load(path);
        var served = await ServedBeamline.StartAsync(config, PortPolicy.Free, new TwinContext(clock, NullLoggerFactory.Instance, dir.Path), null, CancellationToken.None);
        return new ServedRig(dir, clock, served);
    }

    public ElmoTwinEndpoint Drive => Served.Endpoints.OfType<ElmoTwinEndpoint>().Single();

    public KeithleyTwinEndpoint Keithley => Served.Endpoints.OfType<KeithleyTwinEndpoint>().Single();

    /// <summary>A small SIMPLON detector det1 (8×4), for <see cref="StartAsync"/>'s <c>extra</c>.</summary>
    public const string SmallDetector = """
        - class: simplon_detector
          name: det1
          http: {url: "http://127.0.0.1:8081"}
          data_root: data/det1
          twin: {width: 8, height: 4}
        """;

    /// <summary>The detector of a rig started with one.</summary>
    public Testbed.Twin.Host.Detector.DetectorTwinEndpoint Detector => Served.Endpoints.OfType<Testbed.Twin.Host.Detector.DetectorTwinEndpoint>().Single();

    public RawUdpClient DriveClient() => new(Drive.Server.LocalEndPoint);

    public void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Sends one request and waits until the server has dealt with it; returns its reply, or null when it was lost.</summary>
    public string? Exchange(RawUdpClient client, string request)
    {
        var server = Drive.Server;
        var before = server.RequestsReceived;
        var dropped = server.RequestsDropped;
        client.Send(request);
        Eventually.Until(() => server.RequestsReceived > before, $"the drive receiving {request.TrimEnd()}");
        // The server counts a request on arrival and a loss just after: wait for the reply or for the loss, whichever is told first.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (client.Receive(TimeSpan.FromMilliseconds(20)) is { } reply)
                return server.RequestsDropped > dropped ? throw new AssertionException("a lost request was answered") : System.Text.Encoding.Latin1.GetString(reply.Data);
            if (server.RequestsDropped > dropped) return client.Receive(TimeSpan.Zero) is null ? null : throw new AssertionException("a lost request was answered");
        }
        throw new AssertionException($"no reply to {request.TrimEnd()}");
    }

    public async ValueTask DisposeAsync()
    {
        await Served.DisposeAsync();
        Clock.Dispose();
        _dir.Dispose();
    }
}
