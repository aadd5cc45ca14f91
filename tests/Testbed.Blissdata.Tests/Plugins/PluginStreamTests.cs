using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Files;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;
using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Plugins;

public class PluginStreamTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task An_unknown_plugin_does_not_prevent_loading_only_that_stream_fails() // §10.53
    {
        await using var store = await NewStoreAsync();
        var odd = StreamDefinition.Json("odd", new JsonObject { ["plugin"] = "h5file_detector" });
        var (_, w, reader) = await StartedScanAsync(store, odd, F8("fine"));
        await w[1].SendAsync(1.0);
        await w[1].FlushAsync();
        Assert.That(reader.Streams.Keys, Is.EquivalentTo(new[] { "odd", "fine" }));
        Assert.That(reader.Streams["odd"].Plugin, Is.EqualTo("h5file_detector"));
        Assert.ThrowsAsync<MissingPluginException>(() => reader.Streams["odd"].LengthAsync());
        Assert.Throws<MissingPluginException>(() => reader.Streams["odd"].Cursor());
        Assert.That(await reader.Streams["fine"].LengthAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Hdf5_fallback_reads_trimmed_points_from_the_file() // §10.54
    {
        using var dir = new TempDirectory("fallback");
        var file = dir.File("scan.h5");
        var frames = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 6).Select(p => (ushort)(100 * i + p)).ToArray()).ToList();
        AreaDetectorFile.Write(file, 2, 3, frames);
        await using var store = await NewStoreAsync();
        var def = StreamDefinition.Hdf5Fallback("det:image", DType.UInt16, [2, 3], file, AreaDetectorFile.DataPath);
        var (scan, w, reader) = await StartedScanAsync(store, def);
        var info = (await RawDocumentAsync(scan.Key))["data_streams"]!["det:image"]!["info"]!;
        Assert.That(J(info), Is.EqualTo($$"""{"dtype":"uint16","shape":[2,3],"plugin":"hdf5_fallback","save":true,"file_path":"{{file}}","data_path":"/entry/data/data"}"""));
        foreach (var f in frames) await w[0].SendAsync(NdArray.From(f, 2, 3));
        await w[0].SealAsync();
        var s = reader.Streams["det:image"];
        Assert.That(s.Plugin, Is.EqualTo("hdf5_fallback"));
        await Db.Database.ExecuteAsync("XTRIM", s.Key, "MINID", "2-1");
        Assert.That((await s.GetAsync(1)).ToArray<ushort>(), Is.EqualTo(frames[1]));
        Assert.That((await s.GetSliceAsync(0, 2)).ToArray<ushort>(), Is.EqualTo(frames[0].Concat(frames[1]).ToArray()));
        Assert.That((await s.GetAsync(3)).ToArray<ushort>(), Is.EqualTo(frames[3]));
        var view = await s.Cursor().ReadAsync(TimeSpan.Zero);
        Assert.That(view!.GetData().ToArray<ushort>(), Has.Length.EqualTo(24));
    }

    [Test]
    public async Task Legacy_file_backed_stream_reads_trimmed_points_from_the_scan_file() // §6.7 rule 3 (1.x form)
    {
        using var dir = new TempDirectory("legacy");
        var file = dir.File("scan.h5");
        var frames = Enumerable.Range(0, 3).Select(i => new ushort[] { (ushort)i, (ushort)(i + 10) }).ToList();
        AreaDetectorFile.Write(file, 1, 2, frames);
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity() with { Path = file }, new JsonObject { ["save"] = true });
        var w = scan.CreateStream(StreamDefinition.Numeric("det:line", DType.UInt16, [1, 2], new JsonObject { ["data_path"] = AreaDetectorFile.DataPath }));
        await scan.PrepareAsync();
        foreach (var f in frames) await w.SendAsync(NdArray.From(f, 1, 2));
        await w.SealAsync();
        await using var other = await OtherClientAsync();
        var s = (await other.LoadScanAsync(scan.Key)).Streams["det:line"];
        Assert.That(s.Plugin, Is.EqualTo("hdf5_fallback"));
        await Db.Database.ExecuteAsync("XTRIM", s.Key, "MINID", "2-1");
        Assert.That((await s.GetAsync(1)).ToArray<ushort>(), Is.EqualTo(new ushort[] { 1, 11 }));
    }

    [Test]
    public async Task Lima_file_stream_has_the_lima_v1_info_and_two_key_events() // §10.55, §7.5 option 1
    {
        await using var store = await NewStoreAsync();
        var files = new LimaFiles("testbed/det1", "/data/scan0001/det1_%04d.h5", "/entry/data/data", DType.UInt16, 512, 256, TotalFrames: 10, FramesPerFile: 4);
        var (scan, w, reader) = await StartedScanAsync(store, StreamDefinition.LimaFiles("det1:image", files.Validate()));
        var info = (await RawDocumentAsync(scan.Key))["data_streams"]!["det1:image"]!["info"]!;
        Assert.That((string?)info["format"], Is.EqualTo("lima_v1"));
        Assert.That((string?)info["plugin"], Is.EqualTo("lima"));
        Assert.That((string?)info["dtype"], Is.EqualTo("uint16"));
        Assert.That(J(info["shape"]), Is.EqualTo("[512,256]"));
        Assert.That((int)info["lima_info"]!["protocol_version"]!, Is.EqualTo(1));
        Assert.That((int)info["lima_info"]!["buffer_max_number"]!, Is.EqualTo(0));
        Assert.That((string?)await Db.Database.StringGetAsync("testbed/det1"), Is.EqualTo("0"));
        var s = reader.Streams["det1:image"];
        Assert.That(await s.LengthAsync(), Is.EqualTo(0));
        await w[0].SendLimaStatusAsync(5, 3);
        await w[0].SendLimaStatusAsync(9, 9);
        await w[0].SealAsync();
        var events = await EntriesAsync(w[0].Key);
        Assert.That(events.Select(e => e.Id), Is.EqualTo(new[] { "0-1", "1-1", "18446744073709551615-18446744073709551615" }));
        var first = JsonNode.Parse((byte[])events[0].Fields["payload"]!)!.AsObject();
        Assert.That(first.Select(kv => kv.Key), Is.EqualTo(new[] { "last_index", "last_index_saved" }));
        Assert.That(await s.LengthAsync(), Is.EqualTo(10));
        var status = await s.Cursor().ReadAsync(TimeSpan.Zero);
        Assert.That(status!.Index, Is.EqualTo(1), "lima streams are read last-only: only the newest status counts");
        Assert.That((long)status.GetData().Values[0]!["last_index"]!, Is.EqualTo(9));
        Assert.That(Lima.Reference(s, 5), Is.EqualTo(new LimaFrameReference(5, "/data/scan0001/det1_0001.h5", "/entry/data/data", 1)));
        Assert.That(Lima.Reference(s, 9).File, Is.EqualTo("/data/scan0001/det1_0002.h5"));
    }

    [Test]
    public async Task Lima2_length_is_the_last_value_and_other_protocols_are_refused() // §10.56
    {
        await using var store = await NewStoreAsync();
        var good = StreamDefinition.Scalar("l2", DType.UInt32, new JsonObject { ["plugin"] = "lima2", ["protocol_version"] = 2 });
        var bad = StreamDefinition.Scalar("l3", DType.UInt32, new JsonObject { ["plugin"] = "lima2", ["protocol_version"] = 3 });
        var (_, w, reader) = await StartedScanAsync(store, good, bad);
        Assert.That(J(reader.Streams["l2"].Encoding.ToJson()), Is.EqualTo("""{"type":"numeric","dtype_str":"<u4","shape":[]}"""));
        await w[0].SendAsync(42u);
        await w[0].FlushAsync();
        Assert.That(await reader.Streams["l2"].LengthAsync(), Is.EqualTo(42));
        await w[0].SendAsync(123u);
        await w[0].FlushAsync();
        Assert.That(await reader.Streams["l2"].LengthAsync(), Is.EqualTo(123));
        Assert.ThrowsAsync<MissingPluginException>(() => reader.Streams["l3"].LengthAsync());
    }

    [Test]
    public async Task Scan_sequence_stream_lists_sub_scan_keys() // §10.57
    {
        await using var store = await NewStoreAsync();
        var (scan, w, reader) = await StartedScanAsync(store, StreamDefinition.ScanSequence("subscans"));
        var child = await store.CreateScanAsync(Identity("ct", 1));
        await w[0].SendSubscanAsync(child.Key);
        await w[0].SealAsync();
        var info = (await RawDocumentAsync(scan.Key))["data_streams"]!["subscans"]!["info"]!;
        Assert.That(J(info), Is.EqualTo("""{"format":"subscan","plugin":"scan_sequence"}"""));
        var s = reader.Streams["subscans"];
        Assert.That(s.Plugin, Is.EqualTo("scan_sequence"));
        var key = (string)(await s.GetAsync(0)).Values[0]!["key"]!;
        Assert.That((await store.LoadScanAsync(key)).Name, Is.EqualTo("ct"));
    }
}
