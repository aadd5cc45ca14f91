using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Reading;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary><c>testbed demo --redis</c>: the demo scan read back with the blissdata reader, its detector frames found through the lima stream and read by h5py.</summary>
public class DemoBlissdataTests
{
    private const string ReadFrames = """
import sys, json, h5py
out = []
for path, dataset, index in json.loads(sys.argv[1]):
    with h5py.File(path, "r") as f:
        d = f[dataset]
        frame = d[index]
        out.append({"shape": list(frame.shape), "pixel": int(frame[12, 9])})
print(json.dumps(out))
""";

    [Test]
    public async Task Demo_publishes_positions_counters_and_frame_references_that_resolve_to_the_detector_files()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var server = await RedisTestServer.RequireAsync();
        await using var db = await server.NewDatabaseAsync();
        using var dir = new TempDirectory("demo-bd");
        // An earlier scan of the session: the demo's number comes after it.
        await using (var earlier = await DataStore.InitAsync(db.Url))
        {
            var old = await earlier.CreateScanAsync(new ScanIdentity("ascan", 41, "no_policy") { Session = "testbed" }, new JsonObject());
            await old.CloseAsync();
        }

        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", DemoBeamline.Write(dir), "--points", "4", "--rate", "10", "--redis", db.Url);
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.Zero, demo.Output);
        var key = LastLine(demo.Output);
        Assert.That(key, Does.StartWith("esrf:scan:"), demo.Output);
        Assert.That(demo.Output, Does.Contain("scan done: 4 points"), "the table output stays");

        await using var store = await DataStore.ConnectAsync(db.Url);
        var scan = await store.LoadScanAsync(key);
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That((string?)scan.Info["end_reason"], Is.EqualTo("SUCCESS"));
        Assert.That((scan.Name, scan.Session, scan.Number), Is.EqualTo(("ascan", "testbed", 42L)));
        Assert.That((string?)scan.Info["title"], Is.EqualTo("ascan m -1 1 3 0.01"));
        Assert.That((long?)scan.Info["npoints"], Is.EqualTo(4));
        Assert.That((double?)scan.Info["count_time"], Is.EqualTo(0.01));
        Assert.That((string?)scan.Info["acquisition_chain"]!["axis"]!["top_master"], Is.EqualTo("axis"));
        Assert.That(scan.Info["channels"]!.AsObject().Select(c => c.Key), Is.EquivalentTo(new[] { "axis:m", "axis:n", "kctrl:mondio", "det1:image" }));
        Assert.That(scan.Info["devices"]!["timer"]!["triggered_devices"]!.AsArray().Select(d => (string?)d), Is.EquivalentTo(new[] { "kctrl", "det1" }));
        Assert.That((double?)scan.Info["positioners"]!["positioners_start"]!["m"], Is.EqualTo(0).Within(1e-3));
        Assert.That((double?)scan.Info["positioners"]!["positioners_end"]!["m"], Is.EqualTo(1).Within(1e-3));
        Assert.That(scan.Streams.Keys, Is.EquivalentTo(new[] { "axis:m", "axis:n", "kctrl:mondio", "det1:image" }));

        Assert.That((await scan.Streams["axis:m"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -1, -1 / 3.0, 1 / 3.0, 1 }).Within(1e-3));
        Assert.That((await scan.Streams["axis:n"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { 0.0, 0, 0, 0 }).Within(1e-3));
        var currents = (await scan.Streams["kctrl:mondio"].GetSliceAsync(0)).ToDoubles();
        Assert.That(currents, Has.Length.EqualTo(4).And.All.EqualTo(DemoBeamline.Current).Within(10).Percent);

        var image = scan.Streams["det1:image"];
        Assert.That((image.Plugin, image.DTypeName, image.Shape), Is.EqualTo(("lima", "uint16", new[] { DemoBeamline.Height, DemoBeamline.Width })));
        Assert.That(await Lima.StatusAsync(image), Is.EqualTo((3L, 3L)), "every frame announced as saved once the file is closed");
        var refs = Enumerable.Range(0, 4).Select(k => Lima.Reference(image, k)).ToList();
        Assert.That(refs.Select(r => r.File).Distinct(), Is.EqualTo(new[] { Path.Combine(dir.Path, "data", "det1", "scan0042", "det1_0001.h5") }));
        Assert.That(refs.Select(r => r.IndexInFile), Is.EqualTo(new[] { 0L, 1, 2, 3 }));
        Assert.That(File.Exists(refs[0].File), Is.True);
        var query = JsonSerializer.Serialize(refs.Select(r => new object[] { r.File, r.DataPath, r.IndexInFile }));
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", ReadFrames, query], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.Zero, stderr);
        var frames = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        for (var k = 0; k < 4; k++)
        {
            Assert.That(frames[k].GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { DemoBeamline.Height, DemoBeamline.Width }));
            // LinearRamp with gain 1: pixel(x, y) of frame n = x + y + n, so the references point at the frames in scan order.
            Assert.That(frames[k].GetProperty("pixel").GetInt32(), Is.EqualTo(9 + 12 + k), $"frame {k}");
        }
    }

    [Test]
    public async Task Ctrl_c_closes_the_published_scan_with_user_abort_and_keeps_the_frames_acquired()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var server = await RedisTestServer.RequireAsync();
        await using var db = await server.NewDatabaseAsync();
        using var dir = new TempDirectory("demo-abort");
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", DemoBeamline.Write(dir), "--points", "200", "--rate", "1", "--redis", db.Url);
        Assert.That(demo.WaitForOutput("blissdata: scan 1", TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.WaitForOutput("frame 2", TimeSpan.FromSeconds(30)), Is.True, demo.Output);
        demo.Interrupt();
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.EqualTo(130), demo.Output);
        Assert.That(demo.Output, Does.Contain("closed with end_reason USER_ABORT"));
        Assert.That(demo.Output, Does.Contain("— incomplete: the scan ended after"), "the files are announced as incomplete");

        await using var store = await DataStore.ConnectAsync(db.Url);
        var scan = await store.LoadScanAsync(LastLine(demo.Output));
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That((string?)scan.Info["end_reason"], Is.EqualTo("USER_ABORT"));
        var image = scan.Streams["det1:image"];
        var saved = (await Lima.StatusAsync(image)).LastIndexSaved;
        Assert.That(saved, Is.GreaterThanOrEqualTo(2L), "the frames acquired before Ctrl-C are saved and announced");
        var file = Lima.Reference(image, saved).File;
        Assert.That(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories), Is.Empty, "no temporary file is left");
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c", "import sys, h5py; f = h5py.File(sys.argv[1], 'r'); a = f.attrs['incomplete']; print(f['/entry/data/data'].shape[0], a.decode() if isinstance(a, bytes) else a)", file],
            TimeSpan.FromSeconds(60));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout.Trim(), Does.Match($"^{saved + 1}|{saved + 2} incomplete: the series stopped after ({saved + 1}|{saved + 2}) of the 200 frames"), "the file holds the frames announced (and maybe one of a trigger cut short)");
    }

    [Test]
    public void Unreachable_redis_fails_before_anything_moves()
    {
        using var dir = new TempDirectory("demo-noredis");
        var yaml = DemoBeamline.Write(dir);
        using var closed = FreePort.Closed();
        using var demo = TestbedProcess.Start("demo", "--direct", "--beamline", yaml, "--redis", $"redis://127.0.0.1:{closed.Port}/1");
        Assert.That(demo.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, demo.Output);
        Assert.That(demo.ExitCode, Is.EqualTo(1), demo.Output);
        Assert.That(demo.Output, Does.Contain("127.0.0.1"));
        Assert.That(demo.Output, Does.Not.Contain("step scan of"));
    }

    private static string LastLine(string output) => output.Split('\n').Last(l => l.Trim().Length > 0).Trim();
}
