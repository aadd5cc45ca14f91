using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Drivers.Detector;
using Testbed.Drivers.Elmo;
using Testbed.Drivers.Keithley;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Faults;

namespace Testbed.Integration.Tests.Faults;

/// <summary>A world, one Elmo axis, one Keithley on raw TCP and a detector, served on free ports; drivers built from the resolved file.</summary>
internal sealed class FaultBeamline : IAsyncDisposable
{
    // The twin runs 10× faster than real time; drivers wait in real time, as against hardware.
    private const double Rate = 10;
    private readonly TempDirectory _dir;

    private FaultBeamline(TempDirectory dir, SimulationClock clock, ServedBeamline served)
    {
        _dir = dir;
        Clock = clock;
        Served = served;
    }

    public SimulationClock Clock { get; }

    public ServedBeamline Served { get; }

    public FaultInjector Faults => Served.Faults;

    public string Folder => _dir.Path;

    public static async Task<FaultBeamline> StartAsync(string faults = "")
    {
        var dir = new TempDirectory("fault-it");
        var path = dir.File("beamline.yaml");
        await File.WriteAllTextAsync(path, $$$"""
            - class: world
              name: world
            - class: elmo
              name: m_ctrl
              udp: {url: "127.0.0.1:5001", timeout: 0.5}
              axes: [{name: m, unit: mm, steps_per_unit: 1000, velocity: 5, acceleration: 50, low_limit: -50, high_limit: 50}]
            - class: keithley
              name: kdio
              model: 6485
              serial: {url: "tcp://127.0.0.1:28001", baudrate: 38400, timeout: 0.5}
              sensors: [{name: dio, address: 1, nplc: 0.1, auto_range: true}]
              twin: {current: {signal: i0, amperes: 2.0e-9, dark: 1.0e-13}}
            - class: simplon_detector
              name: det1
              http: {url: "http://127.0.0.1:8081"}
              data_root: data/det1
              twin: {width: 16, height: 8, dtype: uint16, mode: linear_ramp}
            - class: faults
              faults:
            {{{faults}}}
            """);
        var clock = new SimulationClock(Rate);
        var served = await ServedBeamline.StartAsync(BeamlineConfig.Load(path), PortPolicy.Free,
            new TwinContext(clock, NullLoggerFactory.Instance, dir.Path), null, CancellationToken.None);
        return new FaultBeamline(dir, clock, served);
    }

    public ControllerConfig Entry(string name) => Served.Resolved.Controllers.Single(c => c.Name == name);

    /// <summary>The axis driver, initialised (motor on).</summary>
    public async Task<ElmoAxis> AxisAsync()
    {
        var axis = ElmoDriverFactory.CreateAxis(Served.Resolved, "m", adjust: s => s with { FirstContactTimeout = TimeSpan.FromSeconds(2) });
        await axis.InitializeAsync();
        return axis;
    }

    public KeithleyCounter Counter() => new(KeithleyCounterSettings.From(Entry("kdio")));

    public SimplonDetector Detector() => new(SimplonDetectorOptions.FromConfig(Entry("det1"), Folder));

    public async ValueTask DisposeAsync()
    {
        await Served.DisposeAsync();
        Clock.Dispose();
        _dir.Dispose();
    }
}
