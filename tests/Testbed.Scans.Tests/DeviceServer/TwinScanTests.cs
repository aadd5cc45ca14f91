using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Values;
using Testbed.Blissdata;
using Testbed.Blissdata.Reading;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.DeviceServer;

/// <summary>Scans end to end over Redis against the demo beamline's twin: scan server → our device server → drivers → twin, and
/// blissdata read back as a BLISS user would.</summary>
public class TwinScanTests
{
    private static readonly double[] Grid = [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9, 1.1];

    [Test]
    public async Task A_line_scan_of_tx_shows_the_peak_in_the_diode_and_references_every_frame_in_real_HDF5_files()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml());
        var run = await h.RunAsync("line_scan", new BecMap { ["tx"] = new BecList { -0.5, 1.1 } },
            new BecMap { ["steps"] = Grid.Length, ["exp_time"] = 0.01, ["relative"] = false });
        Assert.That(run.ItemStatus, Is.EqualTo("COMPLETED"));
        Assert.That(run.File.Successful, Is.True);
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(run.Blissdata!.Key);
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
        Assert.That(scan.Streams.Keys, Is.EquivalentTo(new[] { "axis:tx", "kctrl_mon:mondio", "kctrl_diode:diode", "det1:image" }),
            "the motor, both Keithleys by BLISS's controller:counter name, the detector");
        Assert.That(scan.Info["channels"]!["axis:tx"]!["unit"]!.GetValue<string>(), Is.EqualTo("mm"));
        var tx = (await scan.Streams["axis:tx"].GetSliceAsync(0)).ToDoubles();
        Assert.That(tx, Is.EqualTo(Grid).Within(0.001), "every point read back where the grid says (encoder resolution 0.5 µm)");
        var diode = (await scan.Streams["kctrl_diode:diode"].GetSliceAsync(0)).ToDoubles();
        Assert.That(diode, Has.Length.EqualTo(Grid.Length));
        Assert.That(Array.IndexOf(diode, diode.Max()), Is.EqualTo(Array.IndexOf(Grid, 0.3)), $"the sample's peak at tx = 0.3: {string.Join(", ", diode)}");
        Assert.That((await scan.Streams["kctrl_mon:mondio"].GetSliceAsync(0)).ToDoubles(), Has.All.GreaterThan(0), "I0 counts at every point");
        foreach (var s in scan.Streams.Values) Assert.That(await s.IsSealedAsync(), Is.True, $"{s.Name} sealed");

        var image = scan.Streams["det1:image"];
        Assert.That(await Lima.StatusAsync(image), Is.EqualTo(((long)Grid.Length - 1, (long)Grid.Length - 1)), "every frame taken and saved");
        var files = Enumerable.Range(0, Grid.Length).Select(i => Lima.Reference(image, i)).ToList();
        Assert.That(files.Select(f => f.File).Distinct().Count(), Is.EqualTo(1), "one series in one file");
        var check = ExternalTool.Run(python, ["-c", $"import h5py; f = h5py.File('{files[0].File}', 'r'); d = f['{files[0].DataPath}']; print(d.shape, d.dtype)"],
            TimeSpan.FromSeconds(30));
        Assert.That(check.ExitCode, Is.EqualTo(0), check.Stderr);
        Assert.That(check.Stdout.Trim(), Is.EqualTo($"({Grid.Length}, 512, 512) uint16"), "h5py reads the frames where the stream says");
    }

    [Test]
    public async Task Umv_moves_the_axis_and_an_rpc_read_returns_where_it_stands()
    {
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml());
        var (umv, _) = await h.Client.RequestAsync("umv", new BecMap { ["tx"] = new BecList { 0.75 } }, new BecMap { ["relative"] = false });
        Assert.That(await h.Client.ItemEndAsync(umv, TimeSpan.FromSeconds(30)), Is.EqualTo("COMPLETED"));
        var done = await h.Client.Bec.XRangeAsync(MessageEndpoints.DeviceReqStatus(umv));
        Assert.That(done.Select(e => (e.Message.Device, e.Message.Success)), Is.EqualTo(new[] { ("tx", true) }), "the move's req_status (umv waits for it)");

        var rpcId = Guid.NewGuid().ToString();
        var (_, response) = await h.Client.RequestAsync("device_rpc", new BecList(), new BecMap
        {
            ["device"] = "tx", ["func"] = "read", ["func_args"] = new BecList(), ["func_kwargs"] = new BecMap(), ["rpc_id"] = rpcId,
        });
        Assert.That(response.Accepted, Is.True);
        var result = await Eventually.QueryAsync(() => h.Client.Bec.GetAsync(MessageEndpoints.DeviceRpc(rpcId)), r => r is not null, "the rpc result");
        Assert.That(result!.Success, Is.True);
        var value = ((BecMap)((BecMap)result.ReturnVal)["tx"])["value"].AsDouble();
        Assert.That(value, Is.EqualTo(0.75).Within(0.001), "the reading of the drive's encoder");
        var readback = await h.Client.Bec.GetAsync(MessageEndpoints.DeviceReadback("tx"));
        Assert.That(((BecMap)readback!.Signals["tx"])["value"].AsDouble(), Is.EqualTo(value), "the rpc read is published as the readback too");
    }

    [Test]
    public async Task A_grid_scan_moves_two_drives_through_the_snake_grid_and_acquire_takes_one_frame()
    {
        await using var h = await TwinStack.StartAsync(TwinStack.DemoYaml());
        var grid = await h.RunAsync("grid_scan", new BecMap { ["tx"] = new BecList { -0.2, 0.2, 2 }, ["ty"] = new BecList { -0.2, 0.2, 2 } },
            new BecMap { ["exp_time"] = 0.01, ["relative"] = false });
        Assert.That(grid.ItemStatus, Is.EqualTo("COMPLETED"));
        await using var store = await h.BlissdataAsync();
        var scan = await store.LoadScanAsync(grid.Blissdata!.Key);
        Assert.That(scan.Info["end_reason"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
        Assert.That((await scan.Streams["axis:tx"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -0.2, 0.2, 0.2, -0.2 }).Within(0.001), "first motor fastest, snaked");
        Assert.That((await scan.Streams["axis:ty"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -0.2, -0.2, 0.2, 0.2 }).Within(0.001));
        Assert.That(await Lima.StatusAsync(scan.Streams["det1:image"]), Is.EqualTo((3L, 3L)));

        var ct = await h.RunAsync("acquire", new BecList(), new BecMap { ["exp_time"] = 0.01 });
        Assert.That(ct.ItemStatus, Is.EqualTo("COMPLETED"));
        var one = await store.LoadScanAsync(ct.Blissdata!.Key);
        Assert.That(await Lima.StatusAsync(one.Streams["det1:image"]), Is.EqualTo((0L, 0L)), "one frame, saved");
        Assert.That(Lima.Reference(one.Streams["det1:image"], 0).File, Is.Not.EqualTo(Lima.Reference(scan.Streams["det1:image"], 0).File), "each scan its own file");
        Assert.That(await one.Streams["kctrl_diode:diode"].LengthAsync(), Is.EqualTo(1));
    }
}
