using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Tests.Fixture;

namespace Testbed.Blissdata.Tests.Lifecycle;

public class ScanCreationTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task Scan_key_is_esrf_scan_ULID_and_pk_is_its_suffix() // §10.6
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        Assert.That(scan.Key, Does.Match("^esrf:scan:[A-Z0-9]{26}$"));
        var doc = await RawDocumentAsync(scan.Key);
        Assert.That((string?)doc["pk"], Is.EqualTo(scan.Key["esrf:scan:".Length..]));
    }

    [Test]
    public async Task Document_has_exactly_the_five_top_level_keys_and_empty_streams() // §10.7, §10.8
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(new ScanIdentity("loopscan", 7, "no_policy"), new JsonObject { ["title"] = "loopscan 10 0.1" });
        var doc = await RawDocumentAsync(scan.Key);
        Assert.That(doc.Select(kv => kv.Key), Is.EquivalentTo(new[] { "pk", "id", "info", "state_stream", "data_streams" }));
        Assert.That(doc["data_streams"]!.ToJsonString(), Is.EqualTo("{}"));
        var id = doc["id"]!.AsObject();
        Assert.That(id["name"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.String));
        Assert.That(id["data_policy"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.String));
        Assert.That(id["number"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(id["number"]!.ToJsonString(), Is.EqualTo("7"));
        foreach (var optional in new[] { "session", "proposal", "collection", "dataset", "path" })
        {
            Assert.That(id.ContainsKey(optional), Is.True, optional);
            Assert.That(id[optional], Is.Null, optional);
        }
        Assert.That(doc["state_stream"]!.ToJsonString(), Does.Match("""^\{"pk":"[A-Z0-9]{26}","encoding":null,"info":null\}$"""));
    }

    [Test]
    public async Task Another_client_loads_it_CREATED_with_its_identity() // §10.9
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity("ascan", 42) with { Path = "/data/x.h5" });
        await using var other = await OtherClientAsync();
        var loaded = await other.LoadScanAsync(scan.Key);
        Assert.That(loaded.State, Is.EqualTo(ScanState.Created));
        Assert.That((loaded.Name, loaded.Number, loaded.Session, loaded.Path), Is.EqualTo(("ascan", 42L, "id00", "/data/x.h5")));
        Assert.That((loaded.Identity.Proposal, loaded.Identity.Collection, loaded.Identity.Dataset, loaded.Identity.DataPolicy),
            Is.EqualTo(("ih9999", "sample1", "0001", "ESRF")));
        Assert.That(loaded.Streams, Is.Empty);
    }

    [Test]
    public async Task State_stream_holds_one_entry_state_0_and_history_points_at_the_scan() // §10.10, §10.11
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity());
        var states = await EntriesAsync(scan.StateKey);
        Assert.That(states, Has.Count.EqualTo(1));
        Assert.That(states[0].Fields.Keys, Is.EqualTo(new[] { "state" }));
        Assert.That((string?)states[0].Fields["state"], Is.EqualTo("0"));
        var history = await EntriesAsync("_SCAN_HISTORY_");
        Assert.That(history[^1].Fields.Keys, Is.EqualTo(new[] { "key" }));
        Assert.That((string?)history[^1].Fields["key"], Is.EqualTo(scan.Key));
        Assert.That(history[^1].Id, Is.EqualTo(scan.Timetag));
    }

    [Test]
    public async Task Creation_is_one_transaction() // §10.11: a WATCHed key changed meanwhile aborts all three writes
    {
        await using var store = await NewStoreAsync();
        using var monitor = new CommandLog(Db);
        var scan = await store.CreateScanAsync(Identity());
        var log = await monitor.StopAsync();
        var multi = log.FindIndex(l => l.StartsWith("\"MULTI\""));
        var exec = log.FindIndex(l => l.StartsWith("\"EXEC\""));
        Assert.That(multi, Is.GreaterThanOrEqualTo(0), string.Join("\n", log));
        var inside = log.Skip(multi + 1).Take(exec - multi - 1).ToList();
        Assert.That(inside.Count(l => l.Contains(scan.Key) && (l.StartsWith("\"JSON.SET\"") || l.StartsWith("\"SET\""))), Is.EqualTo(1), string.Join("\n", log));
        Assert.That(inside.Count(l => l.StartsWith("\"XADD\" \"_SCAN_HISTORY_\" \"MAXLEN\" \"~\" \"2048\" \"*\" \"key\"")), Is.EqualTo(1), string.Join("\n", log));
        Assert.That(inside.Count(l => l.StartsWith($"\"XADD\" \"{scan.StateKey}\" \"*\" \"state\" \"0\"")), Is.EqualTo(1), string.Join("\n", log));
    }

    [Test]
    public async Task Info_over_one_MiB_is_refused_half_a_MiB_is_fine() // §10.12
    {
        await using var store = await NewStoreAsync();
        var e = Assert.ThrowsAsync<EncodingException>(() => store.CreateScanAsync(Identity(), new JsonObject { ["x"] = new string('X', 1 << 20) }));
        Assert.That(e!.Message, Does.Contain("metadata is taking"));
        var ok = await store.CreateScanAsync(Identity(), new JsonObject { ["x"] = new string('X', 1 << 19) });
        Assert.That((await RawDocumentAsync(ok.Key))["info"]!["x"]!.GetValue<string>(), Has.Length.EqualTo(1 << 19));
    }

    [Test]
    public async Task NaN_and_infinity_in_info_are_stored_as_null() // §10.13
    {
        await using var store = await NewStoreAsync();
        var scan = await store.CreateScanAsync(Identity(), new JsonObject { ["count_time"] = double.NaN, ["limits"] = new JsonArray(double.NegativeInfinity, 2.0) });
        var info = (await RawDocumentAsync(scan.Key))["info"]!;
        Assert.That(info.ToJsonString(), Is.EqualTo("""{"count_time":null,"limits":[null,2]}"""));
    }
}
