using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Tests.Streams;

public class RandomAccessTests(DocumentBackend backend) : BackendTest(backend)
{
    [Test]
    public async Task Length_is_last_index_plus_len_then_the_seal_id_and_slices_return_all_points() // §10.35
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, F8("s"));
        var s = reader.Streams["s"];
        Assert.That(await s.LengthAsync(), Is.EqualTo(0));
        await w[0].SendAsync(NdArray.From([0.0, 1.0, 2.0], 3));
        await w[0].FlushAsync();
        await w[0].SendAsync(NdArray.From([3.0, 4.0], 2));
        await w[0].FlushAsync();
        Assert.That(await s.LengthAsync(), Is.EqualTo(5));
        await w[0].SealAsync();
        Assert.That(await s.LengthAsync(), Is.EqualTo(5));
        Assert.That((await s.GetSliceAsync(0)).ToArray<double>(), Is.EqualTo(new[] { 0.0, 1, 2, 3, 4 }));
        Assert.That((await s.GetSliceAsync(1, 4)).ToArray<double>(), Is.EqualTo(new[] { 1.0, 2, 3 }));
        Assert.That((await s.GetSliceAsync(4, 10)).ToArray<double>(), Is.EqualTo(new[] { 4.0 }));
        Assert.That((await s.GetSliceAsync(7)).Count, Is.EqualTo(0));
        Assert.That((await s.GetAsync(3)).ToArray<double>(), Is.EqualTo(new[] { 3.0 }));
    }

    [Test]
    public async Task Negative_indexes_need_a_sealed_stream() // §10.36
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, F8("s"));
        var s = reader.Streams["s"];
        await w[0].SendAsync(NdArray.From([0.0, 1.0, 2.0], 3));
        await w[0].FlushAsync();
        Assert.ThrowsAsync<IndexNotYetThereException>(() => s.GetAsync(-1));
        await w[0].SealAsync();
        Assert.That((await s.GetAsync(-1)).ToArray<double>(), Is.EqualTo(new[] { 2.0 }));
        Assert.That((await s.GetSliceAsync(-2)).ToArray<double>(), Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public async Task Beyond_the_end_is_not_yet_there_or_wont_be_there_and_trimmed_is_no_more_there() // §10.37
    {
        await using var store = await NewStoreAsync();
        var (_, w, reader) = await StartedScanAsync(store, F8("s"));
        var s = reader.Streams["s"];
        Assert.ThrowsAsync<IndexNotYetThereException>(() => s.GetAsync(0));
        await w[0].SendAsync(NdArray.From([0.0, 1.0], 2));
        await w[0].FlushAsync();
        await w[0].SendAsync(NdArray.From([2.0, 3.0], 2));
        await w[0].FlushAsync();
        Assert.ThrowsAsync<IndexNotYetThereException>(() => s.GetAsync(4));
        // What the memory tracker does when memory is short: drop old entries, keep the length.
        await Db.Database.ExecuteAsync("XTRIM", s.Key, "MINID", "2-1");
        Assert.ThrowsAsync<IndexNoMoreThereException>(() => s.GetAsync(1));
        Assert.ThrowsAsync<IndexNoMoreThereException>(() => s.GetSliceAsync(0, 3));
        Assert.That(await s.LengthAsync(), Is.EqualTo(4));
        Assert.That((await s.GetAsync(2)).ToArray<double>(), Is.EqualTo(new[] { 2.0 }));
        await w[0].SealAsync();
        Assert.ThrowsAsync<IndexWontBeThereException>(() => s.GetAsync(4));
        Assert.That(await s.LengthAsync(), Is.EqualTo(4));
    }
}
