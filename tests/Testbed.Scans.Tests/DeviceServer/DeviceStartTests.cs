using System.Text.RegularExpressions;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>What the device server publishes at start, read back as the scan server and a BEC client read it.</summary>
public class DeviceStartTests
{
    [Test]
    public async Task Every_device_of_the_beamline_file_is_published_with_its_config_description_and_limits()
    {
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml());
        var devices = await Scans.ScanServer.Devices.DeviceSet.LoadAsync(h.Client.Bec);
        Assert.That(devices.All.Select(d => (d.Name, d.ReadoutPriority, d.BaseClass)), Is.EqualTo(new[]
        {
            ("tx", "baseline", "positioner"), ("ty", "baseline", "positioner"), ("rot", "baseline", "positioner"),
            ("mondio", "monitored", "signal"), ("diode", "monitored", "signal"), ("det1", "async", "device"),
        }));
        Assert.That(devices.All.All(d => d.Enabled), Is.True);
        var rot = devices.Find("rot")!;
        Assert.That((rot.Unit, rot.Backlash, rot.ValueSignal), Is.EqualTo(("deg", 0.05, "rot")));
        Assert.That(devices.Find("diode")!.Controller, Is.EqualTo("kctrl_diode"));
        Assert.That(devices.Find("det1")!.Image, Is.EqualTo(("image", 512, 512)), "the detector's own geometry");
        Assert.That(devices.Find("det1")!.SoftwareTrigger, Is.True);
        Assert.That(await Scans.ScanServer.Devices.DeviceSet.LimitsAsync(h.Client.Bec, "rot"), Is.EqualTo((-170.0, 170.0)));
        Assert.That(await Scans.ScanServer.Devices.DeviceSet.PositionAsync(h.Client.Bec, devices.Find("tx")!), Is.EqualTo(0).Within(0.001), "a first readback");
    }

    [Test]
    public async Task A_device_whose_controller_does_not_answer_is_published_disabled_and_a_scan_of_it_is_refused_saying_why()
    {
        using var closed = FreePort.Closed(System.Net.Sockets.ProtocolType.Udp);
        // The twin serves rot; the device server is told to find it on a port where nothing answers.
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml(), driverFile: text =>
            Regex.Replace(text, @"(name: rot_ctrl\s+udp:\s+url: )\S+", $"${{1}}127.0.0.1:{closed.Port}"));
        var devices = await Scans.ScanServer.Devices.DeviceSet.LoadAsync(h.Client.Bec);
        var rot = devices.Find("rot")!;
        Assert.That(rot.Enabled, Is.False);
        Assert.That(rot.DisabledReason, Does.Contain($"127.0.0.1:{closed.Port}"), "the driver's message names the address");
        Assert.That(devices.Find("tx")!.Enabled, Is.True, "the others are served");
        var (_, response) = await h.Client.RequestAsync("line_scan", new BecMap { ["rot"] = new BecList { -1, 1 } },
            new BecMap { ["steps"] = 3, ["exp_time"] = 0.01, ["relative"] = false });
        Assert.That(response.Accepted, Is.False);
        Assert.That(response.Message.AsString(), Does.Contain("rot is disabled: the device server could not initialise it").And.Contain(closed.Port.ToString()));
        Assert.That(await h.Client.Bec.GetAsync(MessageEndpoints.DeviceReadback("rot")), Is.Null, "no readback of a device never reached");
    }
}
