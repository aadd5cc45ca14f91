using System.Diagnostics;
using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Detector;
using Testbed.Drivers.Elmo;
using Testbed.Twin.Faults;

namespace Testbed.Integration.Tests.Faults;

/// <summary>Delay, split, duplicate and reorder faults against our drivers over the real wire (twin at 10×, driver timeouts 0.5 s
/// of real time): what a good driver survives it does, with the right values; a reply later than the timeout is reported as late.</summary>
public class DriverSurvivesReplyTimingTests
{
    private static FaultSpec Spec(string name, FaultKind kind, string device, params (string Key, double Value)[] numbers) =>
        new(name, kind, device, null, FaultStart.Now, null, numbers.ToDictionary(n => n.Key, n => n.Value), new Dictionary<string, string>());

    [Test]
    public async Task Split_elmo_replies_are_reassembled_and_a_move_ends_where_it_was_sent()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: split, target: m_ctrl, parts: 4, gap_ms: 20}");
        await using var axis = await beamline.AxisAsync();
        await axis.MoveAsync(1.5);
        Assert.That(await axis.PositionAsync(), Is.EqualTo(1.5).Within(0.001));
        Assert.That(await axis.Controller.QueryIntegerAsync("UM"), Is.EqualTo(5));
        var drive = beamline.Served.Endpoints.Single(e => e.Name == "m_ctrl");
        Assert.That(drive.Transcript.Snapshot().Count(x => x.Reply.Contains("split in 4 parts", StringComparison.Ordinal)), Is.GreaterThan(10),
            "the replies really went in pieces");
    }

    [Test]
    public async Task Split_keithley_replies_read_the_right_current()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: split, target: kdio, parts: 5, gap_ms: 10}");
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
    }

    [Test]
    public async Task An_elmo_delay_within_the_timeout_only_slows_queries_and_one_beyond_it_is_reported_as_a_late_reply()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var axis = await beamline.AxisAsync();
        var address = beamline.Served.Endpoints.Single(e => e.Name == "m_ctrl").Address;
        beamline.Faults.Inject(Spec("slow", FaultKind.Delay, "m_ctrl", ("ms", 2000)));
        var watch = Stopwatch.StartNew();
        Assert.That(await axis.DialAsync(), Is.EqualTo(0));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)), "2 s of twin time at 10× is 0.2 s");
        beamline.Faults.Clear("slow");
        beamline.Faults.Inject(Spec("slower", FaultKind.Delay, "m_ctrl", ("ms", 7000)));
        var e = Assert.ThrowsAsync<ElmoTimeoutException>(() => axis.DialAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.StartWith($"axis m ({address}): command 'P").And.Contain("no reply within 0.5 s after 3 attempts")
            .And.Contain("a reply to an earlier attempt came later than the timeout").And.Contain("too slowly for udp.timeout"));
        beamline.Faults.Clear("slower");
        await axis.MoveAsync(0.5);
        Assert.That(await axis.PositionAsync(), Is.EqualTo(0.5).Within(0.001), "no late reply is read as a later command's");
    }

    [Test]
    public async Task Duplicated_elmo_replies_are_dropped_as_strays_and_a_move_still_reads_the_right_positions()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var axis = await beamline.AxisAsync();
        beamline.Faults.Inject(Spec("twice", FaultKind.Duplicate, "m_ctrl"));
        await axis.MoveAsync(1);
        Assert.That(await axis.PositionAsync(), Is.EqualTo(1).Within(0.001));
        Assert.That(await axis.Controller.QueryIntegerAsync("UM"), Is.EqualTo(5), "a query after a different one gets its own reply");
        TestContext.Out.WriteLine($"{axis.Controller.StrayReplies} stray replies dropped, last '{Testbed.Drivers.Comm.LineTimeoutException.Printable(axis.Controller.LastStray ?? [])}'");
        Assert.That(axis.Controller.StrayReplies, Is.GreaterThan(5), "each duplicate was seen and dropped, not read as the next reply");
    }

    [Test]
    public async Task A_reordered_elmo_reply_held_past_the_timeout_costs_a_retry_and_the_value_is_still_right()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var axis = await beamline.AxisAsync();
        await axis.MoveAsync(0.25);
        // Held 8 s of twin time (0.8 s real): the query times out, is retried from a new port, and the held reply follows the
        // retry's to the abandoned port.
        beamline.Faults.Inject(Spec("swap", FaultKind.Reorder, "m_ctrl", ("percent", 100), ("ms", 8000)));
        Assert.That(await axis.PositionAsync(), Is.EqualTo(0.25).Within(0.001));
        Assert.That(await axis.Controller.QueryIntegerAsync("UM"), Is.EqualTo(5));
        var drive = beamline.Served.Endpoints.Single(e => e.Name == "m_ctrl");
        await Testbed.TestSupport.Eventually.UntilAsync(() => drive.Transcript.Snapshot().Any(x => x.Reply.Contains("sent after the reply to", StringComparison.Ordinal)),
            "a reply really swapped");
    }

    [Test]
    public async Task Keithley_delays_within_the_timeout_read_and_beyond_it_fail_naming_the_device_then_recover()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        beamline.Faults.Inject(Spec("slow", FaultKind.Delay, "kdio", ("ms", 2000)));
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
        beamline.Faults.Clear("slow");
        beamline.Faults.Inject(Spec("slower", FaultKind.Delay, "kdio", ("ms", 8000)));
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Device, Does.Contain("kdio"));
        Assert.That(e.DeviceAddress, Does.Contain("tcp://127.0.0.1:"));
        Assert.That(e.Message, Does.Contain("within 0.5 s").And.Contain("last bytes received: none since the command was sent (before it: "),
            "earlier replies are not shown as this command's");
        beamline.Faults.Clear("slower");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11), "the late reply was discarded, not read as this one");
    }

    [Test]
    public async Task A_detector_delay_slows_requests_and_one_beyond_the_request_timeout_is_a_timeout_naming_the_url()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var det = beamline.Detector();
        beamline.Faults.Inject(Spec("slow", FaultKind.Delay, "det1", ("ms", 2000)));
        var watch = Stopwatch.StartNew();
        Assert.That(await det.StateAsync(), Is.Not.Empty);
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190)));
        await using var impatient = new SimplonDetector(SimplonDetectorOptions.FromConfig(beamline.Entry("det1"), beamline.Folder) with { RequestTimeout = TimeSpan.FromSeconds(0.1) });
        var e = Assert.CatchAsync(() => impatient.StateAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.StartWith("det1: GET http://127.0.0.1:").And.Contain("got no reply within 0.1 s"));
    }
}
