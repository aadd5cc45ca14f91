using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Blissdata.Reading;
using Testbed.Scans.Tests.Support;

namespace Testbed.Scans.Tests.ScanServer.Blissdata;

/// <summary>Every scan is published with blissdata as the scan server creates it and the (scripted) device server fills it: read back
/// with the blissdata reader, every point is there, on the requested positions, with BLISS's scan_info and the right end_reason.</summary>
public class BlissdataPublicationTests
{
    [Test]
    public async Task A_line_scan_is_read_back_point_by_point_with_its_scan_info()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 5, ["exp_time"] = 0.01, ["relative"] = false });
        Assert.That(run.Blissdata, Is.Not.Null, "the scan status names its blissdata scan");
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(run.Blissdata!.Key);
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
        Assert.That(scan.Info["title"]!.GetValue<string>(), Is.EqualTo("ascan samx -1 1 4 0.01"));
        Assert.That(scan.Info["type"]!.GetValue<string>(), Is.EqualTo("ascan"));
        Assert.That(scan.Info["npoints"]!.GetValue<long>(), Is.EqualTo(5));
        Assert.That(scan.Info["count_time"]!.GetValue<double>(), Is.EqualTo(0.01));
        Assert.That(scan.Info["start_time"], Is.Not.Null);
        Assert.That(scan.Info["end_time"], Is.Not.Null);
        Assert.That(scan.Info["acquisition_chain"]!["axis"]!["top_master"]!.GetValue<string>(), Is.EqualTo("axis"));
        Assert.That(scan.Info["channels"]!["axis:samx"]!["unit"]!.GetValue<string>(), Is.EqualTo("mm"), "egu from the device's describe_configuration");
        Assert.That(scan.Number, Is.EqualTo(run.Status.ScanNumber), "blissdata number = BEC scan number");
        Assert.That(scan.Streams.Keys, Is.EquivalentTo(new[] { "axis:samx", "bpm4i:bpm4i", "eiger:image" }));
        Assert.That((await scan.Streams["axis:samx"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -1, -0.5, 0, 0.5, 1 }));
        // Simulated bpm4i counts 100 + 10 × samx (uint32 readings, float64 stream).
        Assert.That((await scan.Streams["bpm4i:bpm4i"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { 90, 95, 100, 105, 110 }));
        foreach (var s in scan.Streams.Values) Assert.That(await s.IsSealedAsync(), Is.True, $"{s.Name} sealed");
        var image = scan.Streams["eiger:image"];
        Assert.That(image.Plugin, Is.EqualTo("lima"));
        Assert.That(await Lima.StatusAsync(image), Is.EqualTo((4L, 4L)), "five frames, all saved");
        var frame = Lima.Reference(image, 3);
        Assert.That(File.Exists(frame.File), Is.True, frame.File);
        Assert.That(frame.File, Does.StartWith(Path.Combine(h.Data.Path, "S00000-00999", "S00001", "S00001_eiger_")));
    }

    [Test]
    public async Task A_grid_scan_visits_the_snake_grid_and_reads_it_back()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var run = await h.RunAsync("grid_scan", new BecMap { ["samx"] = new BecList { -1, 1, 3 }, ["samy"] = new BecList { -1, 1, 3 } },
            new BecMap { ["exp_time"] = 0.01, ["relative"] = false });
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(run.Blissdata!.Key);
        Assert.That(scan.Info["title"]!.GetValue<string>(), Is.EqualTo("amesh samx -1 1 2 samy -1 1 2 0.01"));
        Assert.That(scan.Info["data_dim"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That((await scan.Streams["axis:samx"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -1, 0, 1, 1, 0, -1, -1, 0, 1 }));
        Assert.That((await scan.Streams["axis:samy"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -1, -1, -1, 0, 0, 0, 1, 1, 1 }));
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task A_relative_line_scan_is_a_dscan_around_the_position_and_comes_back()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var (rid, _) = await h.Client.RequestAsync("umv", new BecMap { ["samx"] = new BecList { 2 } }, new BecMap { ["relative"] = false });
        Assert.That(await h.Client.ItemEndAsync(rid), Is.EqualTo("COMPLETED"));
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 3, ["exp_time"] = 0, ["relative"] = true });
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(run.Blissdata!.Key);
        Assert.That(scan.Info["title"]!.GetValue<string>(), Is.EqualTo("dscan samx -1 1 2 0"));
        Assert.That((await scan.Streams["axis:samx"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(h.Devices.Position("samx"), Is.EqualTo(2), "back where it started");
        Assert.That(scan.Info["positioners"]!["positioners_start"]!["samx"]!.GetValue<double>(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_time_scan_and_an_acquire_are_published_without_motors()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var timeScan = await h.RunAsync("time_scan", new BecList(), new BecMap { ["points"] = 3, ["interval"] = 0.02, ["exp_time"] = 0.01 });
        var acquire = await h.RunAsync("acquire", new BecList(), new BecMap { ["exp_time"] = 0.01 });
        await using var store = await h.BlissdataAsync();
        var loop = await store.LoadScanAsync(timeScan.Blissdata!.Key);
        Assert.That(loop.Info["title"]!.GetValue<string>(), Is.EqualTo("loopscan 3 0.01 0.01"));
        Assert.That(await loop.Streams["bpm4i:bpm4i"].LengthAsync(), Is.EqualTo(3));
        Assert.That(loop.Info["acquisition_chain"]!["timer"], Is.Not.Null, "no motor: the timer is the top master");
        var ct = await store.LoadScanAsync(acquire.Blissdata!.Key);
        Assert.That(ct.Info["title"]!.GetValue<string>(), Is.EqualTo("ct 0.01"));
        Assert.That(await ct.Streams["bpm4i:bpm4i"].LengthAsync(), Is.EqualTo(1));
        Assert.That(ct.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
        Assert.That(acquire.Status.ScanNumber, Is.EqualTo(timeScan.Status.ScanNumber + 1));
    }
}
