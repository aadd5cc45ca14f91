using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Publishing;
using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Robustness;

public class OutOfMemoryTests
{
    [Test]
    public async Task Redis_out_of_memory_surfaces_on_flush_and_seal() // §10.43
    {
        using var redis = RedisProcess.TryStart();
        if (redis is null) Assert.Ignore("redis-server is not installed (apt-get install redis-server; .ci/run does)");
        await using var store = await DataStore.InitAsync(redis!.Endpoint, new DataStoreOptions { Backend = DocumentBackend.PlainRedis });
        var scan = await store.CreateScanAsync(new ScanIdentity("ct", 1, "no_policy"));
        var w = scan.CreateStream(StreamDefinition.Numeric("det:image", DType.UInt8, [100_000]));
        await scan.PrepareAsync();
        await scan.StartAsync();
        var info = (string?)await store.Database.ExecuteAsync("INFO", "memory");
        var used = long.Parse(info!.Split('\n').First(l => l.StartsWith("used_memory:")).Split(':')[1].Trim());
        await store.Database.ExecuteAsync("CONFIG", "SET", "maxmemory", (used + 300_000).ToString());
        var e = Assert.ThrowsAsync<BlissdataException>(async () =>
        {
            for (var i = 0; i < 20; i++) await w.SendAsync(NdArray.From(new byte[100_000], 100_000));
            await w.FlushAsync();
        });
        Assert.That(e!.Message, Does.Contain("out of memory").And.Contain("det:image"));
        var seal = Assert.ThrowsAsync<BlissdataException>(w.SealAsync);
        Assert.That(seal!.Message, Does.Contain("out of memory").Or.Contain("OOM"));
    }
}
