using Testbed.Drivers.Abstractions;
using Testbed.Drivers.Elmo;
using Testbed.Twin.Faults;

namespace Testbed.Integration.Tests.Faults;

/// <summary>Each regression fault type against our drivers over the real wire: the error says what happened, on which device and
/// address, and the last bytes seen; once the fault clears the same driver works again.</summary>
public class DriverReportsFaultsTests
{
    private static FaultSpec Spec(string name, FaultKind kind, string device, double? percent = null) =>
        new(name, kind, device, null, FaultStart.Now, null,
            percent is { } p ? new Dictionary<string, double> { ["percent"] = p } : new Dictionary<string, double>(), new Dictionary<string, string>());

    [Test]
    public async Task Datagram_loss_is_a_timeout_naming_axis_address_and_command_and_the_axis_answers_again_after()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var axis = await beamline.AxisAsync();
        var address = beamline.Served.Endpoints.Single(e => e.Name == "m_ctrl").Address;
        beamline.Faults.Inject(Spec("loss", FaultKind.Drop, "m_ctrl", percent: 100));
        var e = Assert.ThrowsAsync<ElmoTimeoutException>(() => axis.DialAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.Contain("axis m").And.Contain(address.Replace("udp://", "", StringComparison.Ordinal)).And.Contain("command '").And.Contain("no reply within 0.5 s"));
        beamline.Faults.Clear("loss");
        Assert.That(await axis.DialAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task A_stall_during_a_move_is_reported_as_motor_stuck_with_the_position_instead_of_polling_forever()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: stall, target: m, on: {command: BG, count: 2}}");
        await using var axis = await beamline.AxisAsync();
        await axis.MoveAsync(1);
        var e = Assert.ThrowsAsync<AxisException>(() => axis.MoveAsync(2).WaitAsync(TimeSpan.FromSeconds(30)))!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.StartWith("axis m (udp://127.0.0.1:").And.Contain("switched the motor off during the motion")
            .And.Contain("MF=0x200000 (motor stuck: powered but not moving)").And.Contain("last reply 'MF\\r2097152;'"));
        Assert.That(beamline.Faults.Fired.Single().Name, Is.EqualTo("stall-1"));
        beamline.Faults.Clear("stall-1");
        await axis.OnAsync();
        await axis.MoveAsync(2);
        Assert.That(await axis.PositionAsync(), Is.EqualTo(2).Within(0.01));
    }

    [Test]
    public async Task A_limit_switch_hit_stops_the_move_with_the_side_and_the_position()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var axis = await beamline.AxisAsync();
        var move = axis.MoveAsync(20);
        await Testbed.TestSupport.Eventually.QueryAsync(() => axis.DialAsync(), d => d > 0.5, "the axis moving");
        beamline.Faults.Inject(new FaultSpec("fls", FaultKind.LimitSwitch, "m_ctrl", "m", FaultStart.Now, null,
            new Dictionary<string, double>(), new Dictionary<string, string> { ["side"] = "forward" }));
        var e = Assert.ThrowsAsync<AxisException>(() => move.WaitAsync(TimeSpan.FromSeconds(30)))!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.StartWith("axis m:").And.Contain("stopped on the positive hardware limit switch"));
        Assert.That(await axis.PositionAsync(), Is.LessThan(20));
    }

    [Test]
    public async Task Serial_garble_is_a_device_error_with_the_garbled_bytes_and_the_next_read_recovers()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var counter = beamline.Counter();
        await counter.InitializeAsync();
        beamline.Faults.Inject(Spec("noise", FaultKind.Garble, "kdio", percent: 100));
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Device, Does.Contain("kdio"));
        Assert.That(e.Command, Is.EqualTo("READ?"));
        Assert.That(e.DeviceAddress, Does.Contain("tcp://127.0.0.1:"));
        Assert.That(e.LastBytes, Is.Not.Null.And.Not.Empty, "the corrupted bytes it saw");
        beamline.Faults.Clear("noise");
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
    }

    [Test]
    public async Task A_tcp_disconnect_is_a_device_error_naming_the_address_and_the_counter_reads_again_once_reconnected()
    {
        await using var beamline = await FaultBeamline.StartAsync();
        await using var counter = beamline.Counter();
        await counter.ReadAsync();
        beamline.Faults.Inject(Spec("cable", FaultKind.Disconnect, "kdio"));
        var e = Assert.ThrowsAsync<DeviceException>(() => counter.ReadAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.Contain("kdio").And.Contain("tcp://127.0.0.1:"));
        beamline.Faults.Clear("cable");
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
    }

    [Test]
    public async Task Beam_loss_shows_in_the_counter_as_the_dark_current_and_the_beam_returns_after_its_duration()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: beam_loss, target: world, at: 2, for: 3}");
        await using var counter = beamline.Counter();
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
        await Testbed.TestSupport.Eventually.UntilAsync(() => beamline.Faults.Active.Count == 1, "the beam loss firing at 2 s of twin time");
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(1.0e-13).Within(1e-13), "only the dark current");
        await Testbed.TestSupport.Eventually.UntilAsync(() => beamline.Faults.Fired.Single().State == FaultState.Cleared, "the beam back at 5 s");
        Assert.That((await counter.ReadAsync()).Value, Is.EqualTo(2.0e-9).Within(2e-11));
    }

    [Test]
    public async Task Disk_full_on_frame_3_fails_the_series_with_the_reason_and_announces_no_file()
    {
        await using var beamline = await FaultBeamline.StartAsync("    - {type: disk_full, target: det1, on: {frame: 3}}");
        await using var det = beamline.Detector();
        await det.ConfigureAsync(new AreaDetectorSettings(0.01, Images: 5, Triggers: 1, FramesPerFile: 10, FilePath: "scan1"));
        await det.ArmAsync();
        await det.TriggerAsync();
        var e = Assert.CatchAsync(() => det.WaitAsync(TimeSpan.FromSeconds(30)))!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.Contain("det1").And.Contain("No space left on device"));
        Assert.That(await det.StateAsync(), Is.EqualTo("error"));
        Assert.That(Directory.GetFiles(Path.Combine(beamline.Folder, "data", "det1"), "*.h5", SearchOption.AllDirectories), Is.Empty,
            "nothing half-written is left as a file");
        beamline.Faults.Clear("disk_full-1");
        await det.InitializeAsync();
        Assert.That(await det.StateAsync(), Is.EqualTo("idle"));
    }

    [Test]
    public async Task An_http_disconnect_is_a_request_error_naming_the_detector_and_its_url_and_the_next_request_after_it_works()
    {
        // Held until cleared: a loaded machine may take longer than a few seconds of twin time (at rate 10) to send the request.
        await using var beamline = await FaultBeamline.StartAsync("    - {name: cut, type: disconnect, target: det1, at: 0.5}");
        await using var det = beamline.Detector();
        var url = beamline.Served.Endpoints.Single(e => e.Name == "det1").Url;
        await Testbed.TestSupport.Eventually.UntilAsync(() => beamline.Faults.Active.Count == 1, "the disconnect at 0.5 s of twin time");
        var e = Assert.CatchAsync(() => det.StateAsync())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.StartWith("det1: GET " + url).And.Contain("failed").And.Contain("is the detector (or its twin) running at " + url));
        Assert.That(beamline.Faults.Clear("cut"), Is.True);
        Assert.That(await det.StateAsync(), Is.Not.Empty);
    }
}
