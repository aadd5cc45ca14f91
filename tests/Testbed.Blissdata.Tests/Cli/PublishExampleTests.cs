using Testbed.Blissdata.Reading;
using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Cli;

/// <summary>Runs <c>testbed scans publish-example</c> as a user would, reads the scan back and checks the detector files with h5py.</summary>
public class PublishExampleTests
{
    private const int Points = 12;

    private static (int Code, string Out, string Err) Testbed(params string[] args)
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "testbed.dll");
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : ExternalTool.Require("dotnet", "dotnet-sdk-10.0");
        return ExternalTool.Run(dotnet, [dll, .. args], TimeSpan.FromSeconds(120));
    }

    [Test]
    public async Task Publish_example_writes_a_complete_scan_that_the_reader_and_h5py_accept()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var server = await RedisTestServer.RequireAsync();
        await using var db = await server.NewDatabaseAsync(searchable: server.HasJson && server.HasSearch);
        using var dir = new TempDirectory("example");
        var (code, stdout, stderr) = Testbed("scans", "publish-example", "--redis", db.Url, "--data", dir.Path, "--points", Points.ToString());
        Assert.That(code, Is.EqualTo(0), stderr);
        var key = stdout.Trim().Split('\n')[^1].Trim();
        Assert.That(key, Does.Match("^esrf:scan:[A-Z0-9]{26}$"));

        await using var store = await DataStore.ConnectAsync(db.Url);
        var scan = await store.LoadScanAsync(key);
        Assert.That(scan.State, Is.EqualTo(ScanState.Closed));
        Assert.That((scan.Identity.DataPolicy, scan.Identity.Proposal, scan.Number), Is.EqualTo(("ESRF", "ih0000", 1L)));
        Assert.That((string?)scan.Info["end_reason"], Is.EqualTo("SUCCESS"));
        foreach (var k in new[] { "title", "type", "name", "scan_nb", "npoints", "start_time", "end_time", "acquisition_chain", "devices", "channels", "plots", "positioners", "comments", "display_extra" })
            Assert.That(scan.Info.ContainsKey(k), Is.True, k);
        Assert.That((string?)scan.Info["acquisition_chain"]!["axis"]!["top_master"], Is.EqualTo("axis"));
        var streams = scan.Streams;
        Assert.That(streams.Keys, Is.EquivalentTo(new[] { "axis:robx", "p201:ct1", "mca:spectrum", "roi:profile", "log:events", "det:image" }));
        // Every stream belongs to exactly one device of the chain (what blisswriter requires).
        var owned = scan.Info["devices"]!.AsObject().SelectMany(d => d.Value!["channels"]!.AsArray().Select(c => (string)c!)).ToList();
        Assert.That(owned, Is.EquivalentTo(streams.Keys));

        Assert.That((await streams["axis:robx"].GetSliceAsync(0)).ToArray<double>(), Is.EqualTo(Enumerable.Range(0, Points).Select(i => i / 10.0).ToArray()));
        Assert.That((await streams["p201:ct1"].GetSliceAsync(0)).ToArray<uint>(), Is.EqualTo(Enumerable.Range(0, Points).Select(i => (uint)(1000 + 37 * i)).ToArray()));
        var spectrum = await streams["mca:spectrum"].GetAsync(5);
        Assert.That(spectrum.ToArray<int>(), Is.EqualTo(Enumerable.Range(0, 64).Select(c => 5 * 64 + c).ToArray()));
        var profiles = (await streams["roi:profile"].GetSliceAsync(0)).Points().Select(p => p.Shape[0]).ToList();
        Assert.That(profiles, Is.EqualTo(Enumerable.Range(0, Points).Select(i => 3 + i % 4).ToList()));
        var log = await streams["log:events"].GetAsync(-1);
        Assert.That((int)log.Values[0]!["point"]!, Is.EqualTo(Points - 1));
        var image = streams["det:image"];
        Assert.That((image.Plugin, image.DTypeName, image.Shape), Is.EqualTo(("lima", "uint16", new[] { 48, 64 })).Using<(string?, string, int[])>((a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && a.Item3.SequenceEqual(b.Item3)));
        Assert.That(await image.LengthAsync(), Is.EqualTo(Points));
        Assert.That(await Lima.StatusAsync(image), Is.EqualTo((Points - 1L, Points - 1L)));

        var refs = Enumerable.Range(0, Points).Select(f => Lima.Reference(image, f)).ToList();
        var args = string.Join(" ", refs.Select(r => $"{r.File}::{r.IndexInFile}::{r.Frame}"));
        var script = """
            import sys, h5py, numpy
            for arg in sys.argv[1:]:
                name, index, frame = arg.split("::")
                with h5py.File(name, "r") as f:
                    d = f["/entry/data/data"]
                    assert d.dtype == numpy.uint16 and d.shape[1:] == (48, 64) and d.chunks == (1, 48, 64), (d.dtype, d.shape, d.chunks)
                    y, x = numpy.mgrid[0:48, 0:64]
                    expected = (int(frame) * 100 + y * 64 + x).astype(numpy.uint16)
                    assert (d[int(index)] == expected).all(), arg
            print("ok", len(sys.argv) - 1)
            """;
        var (pc, pout, perr) = ExternalTool.Run(python, ["-c", script, .. args.Split(' ')], TimeSpan.FromSeconds(60));
        Assert.That(pc, Is.EqualTo(0), perr);
        Assert.That(pout.Trim(), Is.EqualTo($"ok {Points}"));
        Assert.That(refs.Select(r => Path.GetFileName(r.File)).Distinct(), Is.EqualTo(new[] { "det_0000.h5", "det_0001.h5", "det_0002.h5" }));
    }

    [Test]
    public async Task List_show_and_tail_read_the_published_scan()
    {
        var server = await RedisTestServer.RequireAsync();
        await using var db = await server.NewDatabaseAsync(searchable: server.HasJson && server.HasSearch);
        using var dir = new TempDirectory("example");
        var key = Testbed("scans", "publish-example", "--redis", db.Url, "--data", dir.Path, "--points", "3").Out.Trim().Split('\n')[^1].Trim();
        var hostPort = db.Url["redis://".Length..].Split('/')[0];
        var list = Testbed("scans", "list", "--redis", db.Url);
        Assert.That(list.Out, Does.Contain(key).And.Contain("Closed").And.Contain("ascan robx"));
        var show = Testbed("scans", "show", key, "--redis", db.Url);
        Assert.That(show.Code, Is.EqualTo(0), show.Err);
        Assert.That(show.Out, Does.Contain("det:image").And.Contain("plugin=lima").And.Contain("dtype=uint16").And.Contain("shape=[48,64]").And.Contain("len=3"));
        var tail = Testbed("scans", "tail", key, "--redis", db.Url);
        Assert.That(tail.Out, Does.Contain("p201:ct1 [0..2]").And.Contain("all streams sealed").And.Contain("end_reason=SUCCESS"));
        var bad = Testbed("scans", "show", "esrf:scan:NOPE", "--redis", db.Url);
        Assert.That((bad.Code, bad.Err), Is.EqualTo((1, bad.Err)));
        Assert.That(bad.Err, Does.Contain("does not exist"));
        if (db.Index == 0)
        {
            var plain = Testbed("scans", "list", "--redis", hostPort);
            Assert.That(plain.Out, Does.Contain(key));
        }
    }
}
