using static Testbed.Integration.Tests.ResolvedBeamline;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;

namespace Testbed.Integration.Tests.Detector;

/// <summary>Fixed file template and first number: the twin writes exactly the names the driver predicts before arm.</summary>
public class FixedFileNamesTests
{
    private const string Yaml = """
        - class: simplon_detector
          name: det1
          http:
            url: http://127.0.0.1:0
          data_root: data/det1
          twin: {width: 16, height: 8, dtype: uint16}
        """;

    [Test]
    public async Task Files_are_where_the_template_computed_before_arm_says()
    {
        using var temp = new TempDirectory("det-fixed");
        File.WriteAllText(temp.File("beamline.yaml"), Yaml);
        var beamline = BeamlineConfig.Load(temp.File("beamline.yaml"));
        using var clock = new SimulationClock(rate: 100);
        var endpoint = (DetectorTwinEndpoint)TwinRegistry.CreateAll(beamline, new TwinContext(clock, NullLoggerFactory.Instance, temp.Path)).Single();
        await endpoint.StartAsync(CancellationToken.None);
        await using var _ = endpoint;
        var options = SimplonDetectorOptions.FromConfig(Resolved(beamline, endpoint).Controllers[0], temp.Path);
        await using var det = new SimplonDetector(options);
        var settings = new AreaDetectorSettings(0.01, Images: 5, FramesPerFile: 2, FilePath: "scan0007", NamePattern: "det1", FileTemplate: "%s%s_%3.3d.h5", FileNumber: 5);
        var template = FileNaming.PercentTemplate(options.DataDirectory, settings);
        Assert.That(template, Is.EqualTo(Path.Combine(options.DataDirectory, "scan0007", "det1_%03d.h5")));

        await det.ConfigureAsync(settings);
        Assert.That(await det.FrameGeometryAsync(), Is.EqualTo(new FrameGeometry(16, 8, "uint16")));
        await det.ArmAsync();
        await det.TriggerAsync();
        var refs = await det.WaitAsync(TimeSpan.FromSeconds(30));

        string Expected(int file) => template.Replace("%03d", file.ToString("000", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.That(refs.Select(r => r.FilePath), Is.EqualTo(new[] { Expected(5), Expected(5), Expected(6), Expected(6), Expected(7) }));
        Assert.That(refs.Select(r => r.IndexInFile), Is.EqualTo(new int?[] { 0, 1, 0, 1, 0 }));
        Assert.That(refs.All(r => File.Exists(r.FilePath)), Is.True);
    }
}
