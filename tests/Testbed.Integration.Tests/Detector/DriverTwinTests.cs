using static Testbed.Integration.Tests.ResolvedBeamline;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;

namespace Testbed.Integration.Tests.Detector;

/// <summary>The SIMPLON driver against the detector twin built from a beamline file; frames found through the references, checked with h5py.</summary>
public class DriverTwinTests
{
    private const string Yaml = """
        - class: simplon_detector
          name: det1
          http:
            url: http://127.0.0.1:0
          data_root: data/det1
          twin:
            width: 40
            height: 30
            dtype: uint16
            mode: linear_ramp
            seed: 3
        """;

    private const string Check = """
import sys, json, h5py
out = []
for path, dataset, index in json.loads(sys.argv[1]):
    with h5py.File(path, "r") as f:
        d = f[dataset]
        out.append({"shape": list(d.shape), "pixel": int(d[index, 12, 9]),
                    "id": int(f["/entry/instrument/NDAttributes/NDArrayUniqueId"][index])})
print(json.dumps(out))
""";

    [Test]
    public async Task Arm_trigger_wait_gives_references_that_h5py_resolves_to_the_right_frames()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        using var temp = new TempDirectory("det-int");
        File.WriteAllText(temp.File("beamline.yaml"), Yaml);
        var beamline = BeamlineConfig.Load(temp.File("beamline.yaml"));
        using var clock = new SimulationClock(rate: 100);
        var endpoints = TwinRegistry.CreateAll(beamline, new TwinContext(clock, NullLoggerFactory.Instance, temp.Path));
        var endpoint = (DetectorTwinEndpoint)endpoints.Single();
        await endpoint.StartAsync(CancellationToken.None);
        await using var _ = endpoint;

        var options = SimplonDetectorOptions.FromConfig(Resolved(beamline, endpoint).Controllers[0], temp.Path);
        Assert.That(options.DataDirectory, Is.EqualTo(Path.Combine(temp.Path, "data", "det1")));
        await using var det = new SimplonDetector(options);
        await det.ConfigureAsync(new AreaDetectorSettings(0.01, Images: 3, Triggers: 2, FramesPerFile: 4, FilePath: "scan7"));
        var seq = await det.ArmAsync();
        await det.TriggerAsync();
        await det.TriggerAsync();
        var refs = await det.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(refs, Has.Count.EqualTo(6));
        Assert.That(refs.Select(r => Path.GetFileName(r.FilePath)).Distinct(),
            Is.EqualTo(new[] { $"series_{seq}_000001.h5", $"series_{seq}_000002.h5" }));
        Assert.That(refs.All(r => r.FilePath.StartsWith(options.DataDirectory + "/scan7/", StringComparison.Ordinal)), Is.True);
        var query = JsonSerializer.Serialize(refs.Select(r => new object[] { r.FilePath, r.DatasetPath!, r.IndexInFile!.Value }));
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", Check, query], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.Zero, stderr);
        var frames = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        for (var k = 0; k < 6; k++)
        {
            Assert.That(frames[k].GetProperty("id").GetInt32(), Is.EqualTo(k + 1), $"frame {k} unique id");
            // LinearRamp with gain 1: pixel(x, y) of frame n = x + y + n.
            Assert.That(frames[k].GetProperty("pixel").GetInt32(), Is.EqualTo(9 + 12 + k), $"frame {k} pixel (9, 12)");
        }
        Assert.That(frames[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 4, 30, 40 }));
        Assert.That(frames[5].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 2, 30, 40 }));

        var preview = await det.PreviewAsync();
        Assert.That(preview, Is.Not.Null);
        Assert.That(preview![..4], Is.EqualTo(new byte[] { (byte)'I', (byte)'I', 42, 0 }));
    }

    [Test]
    public async Task External_trigger_pulses_into_a_tiff_series_give_one_file_per_frame()
    {
        using var temp = new TempDirectory("det-ext");
        File.WriteAllText(temp.File("beamline.yaml"), Yaml);
        var beamline = BeamlineConfig.Load(temp.File("beamline.yaml"));
        using var clock = new SimulationClock(rate: 100);
        var endpoint = (DetectorTwinEndpoint)TwinRegistry.CreateAll(beamline, new TwinContext(clock, NullLoggerFactory.Instance, temp.Path)).Single();
        await endpoint.StartAsync(CancellationToken.None);
        await using var _ = endpoint;
        var options = SimplonDetectorOptions.FromConfig(Resolved(beamline, endpoint).Controllers[0], temp.Path);
        await using var det = new SimplonDetector(options);
        await det.ConfigureAsync(new AreaDetectorSettings(0.01, Images: 2, Triggers: 2, Trigger: DetectorTrigger.External, Format: DetectorFileFormat.Tiff, NamePattern: "gate"));
        await det.ArmAsync();
        Assert.ThrowsAsync<InvalidOperationException>(() => det.TriggerAsync());
        // The scan stack's gate reaches the twin's trigger input, not the REST API.
        Assert.That(await endpoint.Detector.ExternalTriggerAsync(), Is.True);
        Assert.That(await endpoint.Detector.ExternalTriggerAsync(), Is.True);
        var refs = await det.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(refs.Select(r => Path.GetFileName(r.FilePath)), Is.EqualTo(new[] { "gate_000001.tif", "gate_000002.tif", "gate_000003.tif", "gate_000004.tif" }));
        Assert.That(refs.All(r => r.DatasetPath is null && r.IndexInFile is null && File.Exists(r.FilePath)), Is.True);
        var bytes = File.ReadAllBytes(refs[2].FilePath);
        Assert.That(bytes[..4], Is.EqualTo(new byte[] { (byte)'I', (byte)'I', 42, 0 }));
    }

    [Test]
    public void A_bad_beamline_entry_names_file_line_and_key()
    {
        using var temp = new TempDirectory("det-cfg");
        var beamline = BeamlineConfig.Parse(Yaml.Replace("dtype: uint16", "dtype: int12"), "beamline.yaml");
        using var clock = new SimulationClock(rate: 100);
        var e = Assert.Throws<ConfigException>(() => TwinRegistry.CreateAll(beamline, new TwinContext(clock, NullLoggerFactory.Instance, temp.Path)));
        Assert.That(e!.Message, Does.Contain("beamline.yaml:").And.Contain("dtype").And.Contain("uint16"));
    }
}
