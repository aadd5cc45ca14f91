using Microsoft.Extensions.Logging.Abstractions;
using Testbed.Beamline;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.Drivers.Keithley;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Faults;
using Testbed.Twin.Host;
using Testbed.Twin.Host.Detector;

namespace Testbed.Integration.Tests.Faults;

/// <summary>Dropped frames, a slow disk and a top-up against our drivers over the real wire: the detector driver says how many frames
/// the files lack instead of waiting for them, waits for a slow disk within its timeout and says so beyond it; a counter sees the refill.</summary>
public class DetectorAndWorldFaultsTests
{
    private static AreaDetectorSettings Series(int images) => new(0.01, Images: images, Triggers: 1, FramesPerFile: 0, FilePath: "scan1");

    [Test]
    public async Task Dropped_frames_end_the_series_with_how_many_were_written_and_dropped_and_the_next_series_is_whole()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: dropped_frames, target: det1, percent: 50}");
        await using var det = beamline.Detector();
        await det.ConfigureAsync(Series(10));
        await det.ArmAsync();
        await det.TriggerAsync();
        var e = Assert.CatchAsync(() => det.WaitAsync(TimeSpan.FromSeconds(30)))!;
        TestContext.Out.WriteLine(e.Message);
        var m = System.Text.RegularExpressions.Regex.Match(e.Message, @"^det1: (\d+) of 10 frames written, (\d+) dropped between the sensor and the files");
        Assert.That(m.Success, Is.True, e.Message);
        var (written, dropped) = (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That((written + dropped, dropped), Is.EqualTo((10, 10 - written)));
        Assert.That(dropped, Is.Positive);
        Assert.That(e.Message, Does.Contain(beamline.Served.Endpoints.Single(x => x.Name == "det1").Url).And.Contain("scan1/"), "names the address and the short file");
        Assert.That(Detector(beamline).Writer.Files.Single().Frames, Is.EqualTo(written), "the file holds the frames written, no more");
        Assert.That(await det.StateAsync(), Is.EqualTo("idle"), "a series with holes is over, not hanging");

        beamline.Faults.Clear("dropped_frames-1");
        await det.ConfigureAsync(Series(10) with { FilePath = "scan2" });
        await det.ArmAsync();
        await det.TriggerAsync();
        Assert.That(await det.WaitAsync(TimeSpan.FromSeconds(30)), Has.Count.EqualTo(10));
    }

    [Test]
    public async Task A_slow_disk_delays_the_series_end_by_frames_times_ms_of_twin_time_and_the_driver_gets_every_frame()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: slow_disk, target: det1, ms: 200}");
        await using var det = beamline.Detector();
        await det.ConfigureAsync(Series(10));
        await det.ArmAsync();
        var start = beamline.Clock.Elapsed;
        await det.TriggerAsync();
        var frames = await det.WaitAsync(TimeSpan.FromSeconds(30));
        var took = (beamline.Clock.Elapsed - start).TotalSeconds;
        TestContext.Out.WriteLine($"10 frames of 10 ms took {took:0.###} s of twin time behind a 200 ms disk");
        Assert.That(took, Is.GreaterThanOrEqualTo(10 * 0.2), "ten writes of 200 ms, one after the other");
        Assert.That(frames.Select(f => f.IndexInFile), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (int?)i)));
        Assert.That(Detector(beamline).Writer.Files.Single().Frames, Is.EqualTo(10), "nothing lost");
    }

    [Test]
    public async Task A_disk_slower_than_the_drivers_timeout_is_a_timeout_that_says_the_frames_wait_for_the_disk()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: slow_disk, target: det1, ms: 1000}");
        var options = SimplonDetectorOptions.FromConfig(beamline.Entry("det1"), beamline.Folder) with { RequestTimeout = TimeSpan.FromSeconds(0.3) };
        await using var det = new SimplonDetector(options);
        await det.ConfigureAsync(Series(10));
        await det.ArmAsync();
        var e = Assert.CatchAsync(() => det.TriggerAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.StartWith($"det1: PUT {options.Url}/detector/api/1.8.0/command/trigger got no reply within")
            .And.Match(@"the file writer has \d+ of 10 frames, \d+ waiting for the disk: the disk is slower than the frames arrive"));
        beamline.Faults.Clear("slow_disk-1");
        await Eventually.UntilAsync(() => Detector(beamline).Model.State == Twin.Detector.Model.DetectorState.Idle, "the queue drained, at full speed once cleared");
        Assert.That(Detector(beamline).Writer.Files.Single().Frames, Is.EqualTo(10), "late, not lost");
    }

    [Test]
    public async Task A_top_up_refills_the_decayed_beam_and_the_counter_reads_it()
    {
        using var dir = new TempDirectory("top-up-it");
        var path = dir.File("beamline.yaml");
        // Lifetime 3.6 s of twin time: by 3 s the beam is below 0.44 of full.
        await File.WriteAllTextAsync(path, """
            - class: world
              name: world
              source: {lifetime_h: 0.001}
            - class: keithley
              name: kdio
              model: 6485
              serial: {url: "tcp://127.0.0.1:28001", baudrate: 38400, timeout: 0.5}
              sensors: [{name: dio, address: 1, nplc: 0.1, auto_range: true}]
              twin: {current: {signal: source, amperes: 2.0e-9, dark: 1.0e-13}}
            """);
        using var clock = new SimulationClock(10);
        await using var served = await ServedBeamline.StartAsync(BeamlineConfig.Load(path), PortPolicy.Free,
            new TwinContext(clock, NullLoggerFactory.Instance, dir.Path), null, CancellationToken.None);
        await using var counter = new KeithleyCounter(KeithleyCounterSettings.From(served.Resolved.Controllers.Single(c => c.Name == "kdio")));
        await counter.ReadAsync(); // the first read also sets the instrument up
        await Eventually.UntilAsync(() => served.World!.Now >= TimeSpan.FromSeconds(3), "3 s of the world's time");
        var before = (await counter.ReadAsync()).Value;
        // Injected now rather than at a time: what the counter sees, not when a timer fired on a loaded machine, is tested here.
        served.Faults.Inject(new FaultSpec("refill", FaultKind.TopUp, "world", null, FaultStart.Now, null, new Dictionary<string, double>(), new Dictionary<string, string>()));
        var after = (await counter.ReadAsync()).Value;
        TestContext.Out.WriteLine($"before {before:E3} A, after the top-up at {served.Faults.Fired.Single().FiredAt!.Value.TotalSeconds:0.###} s {after:E3} A");
        Assert.That(before, Is.LessThan(2.0e-9 * Math.Exp(-2.9 / 3.6)), "decayed");
        Assert.That(after, Is.GreaterThan(2.0e-9 * Math.Exp(-1.0 / 3.6)), "refilled to full at the top-up");
    }

    private static Twin.Detector.DetectorTwin Detector(FaultBeamline beamline) =>
        beamline.Served.Endpoints.OfType<DetectorTwinEndpoint>().Single().Detector;
}
