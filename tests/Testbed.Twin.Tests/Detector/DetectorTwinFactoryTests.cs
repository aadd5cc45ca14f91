using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;

namespace Testbed.Twin.Tests.Detector;

/// <summary>The beamline entry <c>class: simplon_detector</c>: defaults, data root relative to the file, port 0, config errors.</summary>
public class DetectorTwinFactoryTests
{
    private static IReadOnlyList<ITwinEndpoint> Create(string yaml, string baseDirectory, SimulationClock clock) =>
        TwinRegistry.CreateAll(BeamlineConfig.Parse(yaml, "bl.yaml"), new TwinContext(clock, NullLoggerFactory.Instance, baseDirectory));

    [Test]
    public async Task Entry_builds_a_served_detector_with_its_data_root_under_the_beamline_folder()
    {
        using var temp = new TempDirectory("det-fac");
        using var clock = new SimulationClock(rate: 100);
        var endpoint = (DetectorTwinEndpoint)Create("""
            - class: simplon_detector
              name: det1
              http: { url: "http://127.0.0.1:0" }
              data_root: data/det1
              twin: { width: 64, height: 32, dtype: uint32, mode: peaks }
            """, temp.Path, clock).Single();
        await endpoint.StartAsync(CancellationToken.None);
        await using var _ = endpoint;
        Assert.That(endpoint.Address, Does.Match(@"^http://127\.0\.0\.1:\d+$").And.Not.EndsWith(":0"));
        Assert.That(endpoint.Detector.Writer.Root.Path, Is.EqualTo(Path.Combine(temp.Path, "data", "det1")));
        Assert.That(Directory.Exists(endpoint.Detector.Writer.Root.Path), Is.True);
        Assert.That(endpoint.Detector.Model.PixelType, Is.EqualTo(PixelType.UInt32));
        Assert.That(endpoint.Detector.Model.Synthesizer.Settings.Mode, Is.EqualTo(SimMode.Peaks));
        using var http = new HttpClient();
        Assert.That(await http.GetStringAsync(endpoint.Address + "/detector/api/version"), Is.EqualTo("""{"value":"1.8.0"}"""));
    }

    [Test]
    public async Task File_layout_in_the_twin_block_selects_simplon_master_and_data_files()
    {
        using var temp = new TempDirectory("det-layout");
        using var clock = new SimulationClock(rate: 1000);
        var endpoint = (DetectorTwinEndpoint)Create("""
            - class: simplon_detector
              name: det1
              http: { url: "http://127.0.0.1:0" }
              twin: { width: 16, height: 8, file_layout: simplon }
            """, temp.Path, clock).Single();
        await endpoint.StartAsync(CancellationToken.None); // creates the data root
        await using var _ = endpoint;
        var detector = endpoint.Detector;
        Assert.That(detector.Writer.Settings.Layout, Is.EqualTo(FileLayout.Simplon));
        await detector.Model.InitializeAsync();
        detector.Model.Timing.SetNImages(1);
        try { await detector.Model.ArmAsync(); }
        catch (DetectorCommandException e) when (e.Message.Contains("libhdf5-103-1")) { Assert.Ignore(e.Message); }
        await detector.Model.TriggerAsync();
        await Eventually.ValueAsync(() => detector.Model.State, s => s == DetectorState.Idle, "the detector idle again (series closed)");
        Assert.That(detector.Writer.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "series_1_data_000001.h5", "series_1_master.h5" }));
    }

    [Test]
    public async Task Reading_the_entry_creates_nothing_the_data_root_is_made_when_the_endpoint_starts()
    {
        using var temp = new TempDirectory("det-root");
        using var clock = new SimulationClock(rate: 100);
        var yaml = "- class: simplon_detector\n  name: det1\n  http: { url: \"http://127.0.0.1:0\" }\n  data_root: fresh/det1\n  twin: { width: 16, height: 8 }\n";
        var root = Path.Combine(temp.Path, "fresh", "det1");
        var settings = DetectorTwinSettings.Read(BeamlineConfig.Parse(yaml, "bl.yaml").Controllers[0], temp.Path);
        Assert.That(settings.DataRoot, Is.EqualTo(root));
        var endpoint = Create(yaml, temp.Path, clock).Single();
        Assert.That(Directory.Exists(Path.Combine(temp.Path, "fresh")), Is.False, "nothing is created while the entry is read and the endpoint built");
        await endpoint.StartAsync(CancellationToken.None);
        await using var _ = endpoint;
        Assert.That(Directory.Exists(root), Is.True);
    }

    [TestCase("twin: { widht: 10 }", "twin.widht", "did you mean 'width'")]
    [TestCase("twin: { width: 0 }", "twin.width", "1…16384")]
    [TestCase("twin: { mode: spiral }", "twin.mode", "linear_ramp")]
    [TestCase("twin: { beam: { flux: lots } }", "twin.beam.flux", "not a number")]
    [TestCase("twin: { file_layout: dectris }", "twin.file_layout", "simplon")]
    public void Bad_entries_name_the_key_and_what_is_allowed(string twinBlock, string key, string hint)
    {
        using var temp = new TempDirectory("det-bad");
        using var clock = new SimulationClock(rate: 100);
        var yaml = "- class: simplon_detector\n  name: det1\n  http: { url: \"http://127.0.0.1:0\" }\n  " + twinBlock + "\n";
        var e = Assert.Throws<ConfigException>(() => Create(yaml, temp.Path, clock));
        Assert.That(e!.Message, Does.Contain("bl.yaml:").And.Contain(key).And.Contain(hint));
    }

    [Test]
    public void A_non_http_url_is_refused()
    {
        using var temp = new TempDirectory("det-url");
        using var clock = new SimulationClock(rate: 100);
        var e = Assert.Throws<ConfigException>(() => Create("""
            - class: simplon_detector
              http: { url: "udp://127.0.0.1:9" }
            """, temp.Path, clock));
        Assert.That(e!.Message, Does.Contain("http.url").And.Contain("http://"));
    }
}
