using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.Blissdata.Reading;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using EndOfStreamException = Testbed.Blissdata.EndOfStreamException;

namespace Testbed.Blissdata.Tests.Streams;

public class CursorTests(DocumentBackend backend) : BackendTest(backend)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Read_from_origin_returns_everything_and_last_only_returns_the_last_point() // §10.38
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, F8("s"));
        await w[0].SendAsync(NdArray.From([0.0, 1.0, 2.0], 3));
        await w[0].FlushAsync();
        await w[0].SendAsync(NdArray.From([3.0, 4.0], 2));
        await w[0].FlushAsync();
        var all = await reader.Streams["s"].Cursor().ReadAsync(TimeSpan.Zero);
        Assert.That((all!.Index, all.Length), Is.EqualTo((0L, 5L)));
        Assert.That(all.GetData().ToArray<double>(), Is.EqualTo(new[] { 0.0, 1, 2, 3, 4 }));
        var last = reader.Streams["s"].Cursor();
        var v = await last.ReadAsync(TimeSpan.Zero, lastOnly: true);
        Assert.That((v!.Index, v.Length), Is.EqualTo((4L, 1L)));
        Assert.That(v.GetData().ToArray<double>(), Is.EqualTo(new[] { 4.0 }));
        Assert.That(await last.ReadAsync(TimeSpan.Zero, lastOnly: true), Is.Null);
    }

    [Test]
    public async Task Last_only_after_the_seal_gives_the_last_value_then_end_of_stream()
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, F8("s"));
        await w[0].SendAsync(NdArray.From([0.0, 1.0, 2.0], 3));
        await w[0].SealAsync();
        var c = reader.Streams["s"].Cursor();
        var v = await c.ReadAsync(TimeSpan.Zero, lastOnly: true);
        Assert.That(v!.Index, Is.EqualTo(2));
        Assert.That(v.GetData().ToArray<double>(), Is.EqualTo(new[] { 2.0 }));
        Assert.ThrowsAsync<EndOfStreamException>(() => c.ReadAsync(TimeSpan.Zero, lastOnly: true));
    }

    [Test]
    public async Task Blocking_group_read_returns_the_stream_that_got_data_only() // §10.39
    {
        await using var store = await NewStoreAsync();
        using var clock = new SimulationClock(paused: true);
        var (_, w, reader) = await StartedScanAsync(store, clock, F8("a"), F8("b"));
        var group = new CursorGroup([reader.Streams["a"], reader.Streams["b"]]);
        var pending = group.ReadAsync(Long);
        await PollWaitingAsync(clock, "the group read polling an empty scan");
        Assert.That(pending.IsCompleted, Is.False, "nothing to read: the read blocks");
        await w[0].SendAsync(NdArray.From([0.0, 1.0, 2.0], 3));
        await w[0].FlushAsync();
        NextPoll(clock);
        var first = await pending.WaitAsync(Eventually.DefaultDeadline);
        Assert.That(first.Keys.Select(k => k.Name), Is.EqualTo(new[] { "a" }));
        Assert.That(first[reader.Streams["a"]].Index, Is.EqualTo(0));
        await w[0].SendAsync(9.0);
        await w[0].FlushAsync();
        await w[1].SendAsync(5.0);
        await w[1].FlushAsync();
        var second = await group.ReadAsync(TimeSpan.Zero);
        Assert.That(second.ToDictionary(kv => kv.Key.Name, kv => kv.Value.Index), Is.EqualTo(new Dictionary<string, long> { ["a"] = 3, ["b"] = 0 }));
    }

    [Test]
    public async Task End_of_stream_after_the_seal_for_empty_streams_and_during_a_blocking_read() // §10.40
    {
        await using var store = await NewStoreAsync();
        using var clock = new SimulationClock(paused: true);
        var (_, w, reader) = await StartedScanAsync(store, clock, F8("a"), F8("empty"), F8("live"));
        await w[0].SendAsync(1.0);
        await w[0].SealAsync();
        var a = reader.Streams["a"].Cursor();
        Assert.That((await a.ReadAsync(Long))!.Length, Is.EqualTo(1));
        Assert.ThrowsAsync<EndOfStreamException>(() => a.ReadAsync(Long));
        await w[1].SealAsync();
        Assert.ThrowsAsync<EndOfStreamException>(() => reader.Streams["empty"].Cursor().ReadAsync(Long));
        var live = reader.Streams["live"].Cursor().ReadAsync(Long);
        await PollWaitingAsync(clock, "the read of the live stream blocking");
        Assert.That(live.IsCompleted, Is.False);
        await w[2].SealAsync();
        NextPoll(clock);
        Assert.ThrowsAsync<EndOfStreamException>(() => live.WaitAsync(Eventually.DefaultDeadline), "the seal ends the blocking read");
    }

    [Test]
    public async Task A_group_ends_only_when_all_its_streams_are_finished()
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, F8("a"), F8("b"));
        await w[0].SealAsync();
        var group = new CursorGroup([reader.Streams["a"], reader.Streams["b"]]);
        Assert.That(await group.ReadAsync(TimeSpan.FromMilliseconds(20)), Is.Empty);
        await w[1].SendAsync(1.0);
        await w[1].SealAsync();
        Assert.That((await group.ReadAsync(Long)).Keys.Single().Name, Is.EqualTo("b"));
        Assert.ThrowsAsync<EndOfStreamException>(() => group.ReadAsync(Long));
    }

    [Test]
    public async Task Skipped_indexes_show_as_a_gap_that_cannot_be_read() // §10.41
    {
        await using var store = await NewStoreAsync();
        var (_, _, reader) = await StartedScanAsync(store, F8("s"));
        var s = reader.Streams["s"];
        await Db.Database.StreamAddAsync(s.Key, "payload", BitConverter.GetBytes(1.0), "0-1");
        var c = s.Cursor();
        Assert.That((await c.ReadAsync(Long))!.Index, Is.EqualTo(0));
        await Db.Database.StreamAddAsync(s.Key, "payload", BitConverter.GetBytes(4.0), "3-1");
        var v = await c.ReadAsync(Long);
        Assert.That((v!.Index, v.Length), Is.EqualTo((1L, 3L)));
        Assert.Throws<IndexNoMoreThereException>(() => v.GetData());
    }
    [Test]
    public async Task A_byte_budget_reads_big_entries_a_few_at_a_time_and_small_ones_in_full_batches()
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, StreamDefinition.Numeric("big", DType.Float64, [1024]), F8("small"));
        for (var i = 0; i < 6; i++)
        {
            // Entries of 4 spectra (32 KiB) on one stream, of one number on the other.
            await w[0].SendAsync(NdArray.From<double>(new double[4 * 1024], [4, 1024]));
            await w[0].FlushAsync();
        }
        for (var i = 0; i < 6; i++)
        {
            await w[1].SendAsync(NdArray.From([1.0 * i], 1));
            await w[1].FlushAsync();
        }
        await w[0].SealAsync();
        await w[1].SealAsync();

        var budgeted = new CursorGroup([reader.Streams["big"], reader.Streams["small"]]) { ByteBudget = 64 * 1024 };
        var lengths = new List<long>();
        try
        {
            while (true)
                if ((await budgeted.ReadAsync(TimeSpan.Zero)).TryGetValue(reader.Streams["big"], out var v)) lengths.Add(v.Length);
        }
        catch (EndOfStreamException) { }
        Assert.That(lengths, Is.EqualTo(new long[] { 4, 8, 8, 4 }), "one entry first (sizes unknown), then two 32 KiB entries per 64 KiB read");

        var whole = new CursorGroup([reader.Streams["big"], reader.Streams["small"]]);
        var all = await whole.ReadAsync(TimeSpan.Zero);
        Assert.That((all[reader.Streams["big"]].Length, all[reader.Streams["small"]].Length), Is.EqualTo((24L, 6L)), "without a budget: the batch size decides");
    }
}
