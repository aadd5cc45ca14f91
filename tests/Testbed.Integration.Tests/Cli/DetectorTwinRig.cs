using static Testbed.Integration.Tests.ResolvedBeamline;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Drivers.Detector;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;

namespace Testbed.Integration.Tests.Cli;

/// <summary>A detector twin from a one-entry beamline file, and the driver pointed at it.</summary>
internal sealed class DetectorTwinRig : IAsyncDisposable
{
    private const string Yaml = """
        - class: simplon_detector
          name: det1
          http:
            url: http://127.0.0.1:0
          data_root: data/det1
          twin: {width: 16, height: 8, dtype: uint16, mode: linear_ramp}
        """;

    private readonly SimulationClock _clock;

    private DetectorTwinRig(SimulationClock clock, DetectorTwinEndpoint endpoint, SimplonDetector driver)
    {
        _clock = clock;
        Endpoint = endpoint;
        Driver = driver;
    }

    public DetectorTwinEndpoint Endpoint { get; }

    public SimplonDetector Driver { get; }

    public static async Task<DetectorTwinRig> StartAsync(TempDirectory temp)
    {
        File.WriteAllText(temp.File("beamline.yaml"), Yaml);
        var beamline = BeamlineConfig.Load(temp.File("beamline.yaml"));
        var clock = new SimulationClock(rate: 100);
        var endpoint = (DetectorTwinEndpoint)TwinRegistry.CreateAll(beamline, new TwinContext(clock, NullLoggerFactory.Instance, temp.Path)).Single();
        await endpoint.StartAsync(CancellationToken.None);
        var options = SimplonDetectorOptions.FromConfig(Resolved(beamline, endpoint).Controllers[0], temp.Path);
        return new DetectorTwinRig(clock, endpoint, new SimplonDetector(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Driver.DisposeAsync();
        await Endpoint.DisposeAsync();
        _clock.Dispose();
    }
}
