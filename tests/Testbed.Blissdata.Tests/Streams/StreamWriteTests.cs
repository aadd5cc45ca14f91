using System.Text.Json.Nodes;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Streams;

public class StreamWriteTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task Stream_models_have_a_ULID_key_encoding_and_info_with_dtype_and_shape() // §10.23, §10.24, §10.25
    {
        await using var store = await NewStoreAsync();
        var (scan, w, _) = await StartedScanAsync(store, StreamDefinition.Numeric("spec", DType.Int32, [16]), StreamDefinition.Json("j"));
        var ds = (await RawDocumentAsync(scan.Key))["data_streams"]!;
        var spec = ds["spec"]!;
        Assert.That(w[0].Key, Is.EqualTo("esrf:stream:" + (string)spec["pk"]!));
        Assert.That((string?)spec["pk"], Does.Match("^[A-Z0-9]{26}$"));
        Assert.That(J(spec["encoding"]), Is.EqualTo("""{"type":"numeric","dtype_str":"<i4","shape":[16]}"""));
        Assert.That(spec["info"]!.ToJsonString(), Is.EqualTo("""{"dtype":"int32","shape":[16]}"""));
        Assert.That(ds["j"]!["encoding"]!.ToJsonString(), Is.EqualTo("""{"type":"json"}"""));
        Assert.That(ds["j"]!["info"], Is.TypeOf<JsonObject>());
    }

    [Test]
    public async Task Entries_are_index_dash_1_with_len_only_for_batches() // §6.1 example, §10.26, §10.27, §10.28
    {
        await using var store = await NewStoreAsync();
        var (_, w, _) = await StartedScanAsync(store, F8("s"));
        await w[0].SendAsync(NdArray.From([1.5, 2.5], 2));
        await w[0].FlushAsync();
        await w[0].SendAsync(3.0);
        Assert.That(await w[0].SealAsync(), Is.EqualTo(3));
        var e = await EntriesAsync(w[0].Key);
        Assert.That(e.Select(x => x.Id), Is.EqualTo(new[] { "0-1", "2-1", "18446744073709551615-18446744073709551615" }));
        Assert.That(e[0].Fields.Keys, Is.EqualTo(new[] { "payload", "len" }));
        Assert.That(Convert.ToHexString((byte[])e[0].Fields["payload"]!), Is.EqualTo("000000000000F83F0000000000000440"));
        Assert.That((string?)e[0].Fields["len"], Is.EqualTo("2"));
        Assert.That(e[1].Fields.Keys, Is.EqualTo(new[] { "payload" }));
        Assert.That(Convert.ToHexString((byte[])e[1].Fields["payload"]!), Is.EqualTo("0000000000000840"));
        Assert.That(e[2].Fields.Keys, Is.EqualTo(new[] { "id" }));
        Assert.That((string?)e[2].Fields["id"], Is.EqualTo("3"));
    }

    [Test]
    public async Task Points_are_batched_by_count_and_never_one_round_trip_each()
    {
        var options = Options() with { Batching = new BatchingPolicy { MaxPoints = 100, MaxLatency = TimeSpan.FromHours(1) } };
        await using var store = await NewStoreAsync(options);
        var (_, w, reader) = await StartedScanAsync(store, F8("s"));
        for (var i = 0; i < 250; i++) await w[0].SendAsync((double)i);
        await w[0].SealAsync();
        var ids = (await EntriesAsync(w[0].Key)).Select(e => e.Id).ToList();
        Assert.That(ids, Is.EqualTo(new[] { "0-1", "100-1", "200-1", "18446744073709551615-18446744073709551615" }));
        await reader.UpdateAsync(TimeSpan.Zero);
        var all = await reader.Streams["s"].GetSliceAsync(0);
        Assert.That(all.ToArray<double>(), Is.EqualTo(Enumerable.Range(0, 250).Select(i => (double)i).ToArray()));
    }

    [Test]
    public async Task Batches_are_cut_by_bytes_too()
    {
        var options = Options() with { Batching = new BatchingPolicy { MaxBytes = 64, MaxLatency = TimeSpan.FromHours(1) } };
        await using var store = await NewStoreAsync(options);
        var (_, w, _) = await StartedScanAsync(store, F8("s"));
        for (var i = 0; i < 20; i++) await w[0].SendAsync((double)i);
        await w[0].SealAsync();
        var ids = (await EntriesAsync(w[0].Key)).Select(e => e.Id).ToList();
        Assert.That(ids, Is.EqualTo(new[] { "0-1", "8-1", "16-1", "18446744073709551615-18446744073709551615" }));
    }

    [Test]
    public async Task A_lone_point_is_sent_after_the_latency_limit_without_a_flush()
    {
        using var clock = new Testbed.Twin.Clock.SimulationClock(paused: true);
        var latency = TimeSpan.FromMilliseconds(20);
        var options = Options() with { Time = clock, Batching = new BatchingPolicy { MaxLatency = latency } };
        await using var store = await NewStoreAsync(options);
        var (_, w, _) = await StartedScanAsync(store, F8("s"));
        await w[0].SendAsync(7.0);
        Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { latency }), "the point waits at most the latency limit");
        clock.Advance(latency - TimeSpan.FromTicks(1));
        Assert.That(await EntriesAsync(w[0].Key), Is.Empty, "one tick before the limit nothing is sent");
        clock.Advance(TimeSpan.FromTicks(1));
        var sent = await Eventually.QueryAsync(() => EntriesAsync(w[0].Key), e => e.Count > 0, "the lone point sent at the latency limit");
        Assert.That(sent.Select(e => e.Id), Is.EqualTo(new[] { "0-1" }));
    }

    [Test]
    public async Task Latency_limit_runs_on_the_injected_clock()
    {
        using var clock = new Testbed.Twin.Clock.SimulationClock(paused: true);
        var options = Options() with { Time = clock, Batching = new BatchingPolicy { MaxLatency = TimeSpan.FromSeconds(10) } };
        await using var store = await NewStoreAsync(options);
        var scan = await store.CreateScanAsync(Identity());
        var w = scan.CreateStream(F8("s"));
        await w.SendAsync(1.0);
        await w.SendAsync(2.0);
        Assert.That(clock.PendingDueTimes, Is.EqualTo(new[] { TimeSpan.FromSeconds(10) }), "the batch waits for the latency limit on the injected clock");
        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.That(await EntriesAsync(w.Key), Is.Empty, "one tick before the limit the points wait");
        clock.Advance(TimeSpan.FromTicks(1));
        var e = await Eventually.QueryAsync(() => EntriesAsync(w.Key), x => x.Count > 0, "the batch sent at the latency limit");
        Assert.That(e.Select(x => x.Id), Is.EqualTo(new[] { "0-1" }));
        Assert.That((string?)e[0].Fields["len"], Is.EqualTo("2"));
    }

    [Test]
    public async Task Variable_shape_entries_hold_one_shape_each_and_decode_per_point() // §10.29
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, StreamDefinition.Numeric("v", DType.Int32, [-1]));
        await w[0].SendAsync(NdArray.From([1, 2, 3, 4, 5, 6], 2, 3));
        await w[0].SendAsync(NdArray.From([7, 8], 2));
        await w[0].SealAsync();
        var e = await EntriesAsync(w[0].Key);
        Assert.That(e.Select(x => x.Id), Is.EqualTo(new[] { "0-1", "2-1", "18446744073709551615-18446744073709551615" }));
        Assert.That(Convert.ToHexString(((byte[])e[0].Fields["payload"]!)[..5]), Is.EqualTo("929103C418"));
        var points = (await reader.Streams["v"].GetSliceAsync(0)).Points().Select(p => (p.Shape, p.ToArray<int>())).ToList();
        Assert.That(points.Select(p => p.Shape), Is.EqualTo(new[] { new[] { 3 }, [3], [2] }));
        Assert.That(points.Select(p => p.Item2), Is.EqualTo(new[] { new[] { 1, 2, 3 }, [4, 5, 6], [7, 8] }));
    }

    [Test]
    public async Task All_dtypes_round_trip_through_redis() // §6.3
    {
        await using var store = await NewStoreAsync();
        var defs = DType.All.Select(d => StreamDefinition.Numeric(d.Name, d, [2])).ToArray();
        var (_, writers, reader) = await StartedScanAsync(store, defs);
        foreach (var w in writers)
        {
            var d = w.Encoding.DType!;
            var bytes = Enumerable.Range(1, 2 * d.ItemSize).Select(i => (byte)(d == DType.Bool ? i % 2 : i)).ToArray();
            await w.SendAsync(new NdArray(d, [2], bytes));
            await w.SealAsync();
        }
        foreach (var w in writers)
        {
            var d = w.Encoding.DType!;
            var got = await reader.Streams[w.Name].GetAsync(0);
            Assert.That(got.Arrays[0].DType, Is.EqualTo(d));
            Assert.That(got.Arrays[0].Bytes.ToArray(), Is.EqualTo(Enumerable.Range(1, 2 * d.ItemSize).Select(i => (byte)(d == DType.Bool ? i % 2 : i)).ToArray()), d.Name);
        }
    }

    [Test]
    public async Task Wrong_dtype_shape_and_empty_batches_are_refused_by_the_writer() // §10.30
    {
        await using var store = await NewStoreAsync();
        var (_, w, _) = await StartedScanAsync(store, StreamDefinition.Numeric("s3", DType.Float64, [3]));
        Assert.ThrowsAsync<EncodingException>(async () => await w[0].SendAsync(NdArray.From(new float[3], 3)));
        Assert.ThrowsAsync<EncodingException>(async () => await w[0].SendAsync(NdArray.From(new double[4], 4)));
        Assert.ThrowsAsync<EncodingException>(async () => await w[0].SendAsync(NdArray.From(Array.Empty<double>(), 0, 3)));
        Assert.ThrowsAsync<EncodingException>(async () => await w[0].SendAsync(1.0));
        Assert.ThrowsAsync<EncodingException>(async () => await w[0].SendJsonAsync(1));
        await w[0].SendAsync(NdArray.From(new double[6], 2, 3));
        Assert.That(await w[0].SealAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Json_entries_decode_to_exactly_the_value_sent() // §10.31
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, StreamDefinition.Json("j"));
        var value = JsonNode.Parse("""{"a":[1,2.5,"x",null,true],"b":{"c":"é"}}""");
        await w[0].SendJsonAsync(value);
        await w[0].SendJsonAsync(42);
        await w[0].SealAsync();
        var e = await EntriesAsync(w[0].Key);
        Assert.That(e.Select(x => x.Id), Is.EqualTo(new[] { "0-1", "1-1", "18446744073709551615-18446744073709551615" }));
        Assert.That(e[0].Fields.Keys, Is.EqualTo(new[] { "payload" }));
        var got = await reader.Streams["j"].GetSliceAsync(0);
        Assert.That(JsonNode.DeepEquals(got.Values[0], value), Is.True, got.Values[0]?.ToJsonString());
        Assert.That((int)got.Values[1]!, Is.EqualTo(42));
    }

    [Test]
    public async Task Seal_function_semantics() // §10.32, §10.33, §10.34
    {
        await using var store = await NewStoreAsync();
        var db = Db.Database;
        await db.StreamAddAsync("s3", [new("payload", new byte[8]), new("len", 2)], "0-1");
        await db.StreamAddAsync("s3", "payload", new byte[8], "2-1");
        Assert.That((long)await db.ExecuteAsync("FCALL", "seal_stream", 1, "s3"), Is.EqualTo(3));
        var last = (await EntriesAsync("s3"))[^1];
        Assert.That((last.Id, (string?)last.Fields["id"]), Is.EqualTo(("18446744073709551615-18446744073709551615", "3")));
        Assert.That((long)await db.ExecuteAsync("FCALL", "seal_stream", 1, "nothing-here"), Is.EqualTo(0));
        Assert.That((await EntriesAsync("nothing-here")).Single().Id, Is.EqualTo("18446744073709551615-18446744073709551615"));
        var again = Assert.ThrowsAsync<StackExchange.Redis.RedisServerException>(() => db.ExecuteAsync("FCALL", "seal_stream", 1, "s3"));
        Assert.That(again!.Message, Does.Contain("s3 is already sealed."));
        var add = Assert.ThrowsAsync<StackExchange.Redis.RedisServerException>(() => db.StreamAddAsync("s3", "payload", new byte[8], "3-1"));
        Assert.That(add!.Message, Does.Contain("equal or smaller").Or.Contain("exhausted the last possible ID"));
        var auto = Assert.ThrowsAsync<StackExchange.Redis.RedisServerException>(() => db.StreamAddAsync("s3", "payload", new byte[8]));
        Assert.That(auto!.Message, Does.Contain("exhausted the last possible ID"));
    }

    [Test]
    public async Task Writing_to_a_sealed_stream_and_sealing_twice() // §10.33 (Python returns the length)
    {
        await using var store = await NewStoreAsync();
        var (_, w, _) = await StartedScanAsync(store, F8("s"));
        await w[0].SendAsync(1.0);
        Assert.That(await w[0].SealAsync(), Is.EqualTo(1));
        Assert.That(await w[0].SealAsync(), Is.EqualTo(1));
        Assert.ThrowsAsync<BlissdataException>(async () => await w[0].SendAsync(2.0));
    }

    [Test]
    public async Task A_second_writer_is_refused_and_both_can_seal() // §10.42
    {
        await using var store = await NewStoreAsync();
        var (scan, w, reader) = await StartedScanAsync(store, F8("s"));
        var second = reader.Streams["s"].OpenWriter();
        await w[0].SendAsync(NdArray.From([1.0, 2.0, 3.0], 3));
        await w[0].FlushAsync();
        await second.SendAsync(NdArray.From([9.0], 1));
        var e = Assert.ThrowsAsync<BlissdataException>(second.FlushAsync);
        Assert.That(e!.Message, Does.Contain("equal or smaller").And.Contain("single writer"));
        Assert.That(await w[0].SealAsync(), Is.EqualTo(3));
        Assert.That(await second.SealAsync(), Is.EqualTo(3));
        Assert.That((await reader.Streams["s"].GetSliceAsync(0)).ToArray<double>(), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
        _ = scan;
    }
}
