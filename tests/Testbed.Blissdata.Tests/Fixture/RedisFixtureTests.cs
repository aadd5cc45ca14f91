using Testbed.TestSupport;

namespace Testbed.Blissdata.Tests.Fixture;

public class RedisFixtureTests
{
    [Test]
    public async Task Fixture_gives_each_test_its_own_empty_database_on_a_real_server()
    {
        var server = await RedisTestServer.RequireAsync();
        await using var a = await server.NewDatabaseAsync();
        await using var b = await server.NewDatabaseAsync();
        Assert.That(a.Index, Is.Not.EqualTo(b.Index));
        await a.Database.StringSetAsync("k", "in-a");
        Assert.That((string?)await b.Database.StringGetAsync("k"), Is.Null);
        Assert.That((string?)await a.Database.StringGetAsync("k"), Is.EqualTo("in-a"));
        var info = (string?)await a.Database.ExecuteAsync("INFO", "server");
        Assert.That(info, Does.Contain("redis_version"));
        TestContext.Out.WriteLine($"Redis kind={server.Kind} endpoint={server.Endpoint} json={server.HasJson} search={server.HasSearch}");
    }

    [Test]
    public void Private_server_survives_kill_and_restart_with_persistence()
    {
        using var redis = RedisProcess.TryStart(persistence: true);
        if (redis is null) Assert.Ignore("redis-server is not installed (apt-get install redis-server; .ci/run does)");
        using (var c = StackExchange.Redis.ConnectionMultiplexer.Connect(redis!.Endpoint))
            c.GetDatabase().StringSet("kept", "yes");
        redis.Kill();
        Assert.That(redis.IsRunning, Is.False);
        redis.Start();
        using var c2 = StackExchange.Redis.ConnectionMultiplexer.Connect(redis.Endpoint);
        Assert.That((string?)c2.GetDatabase().StringGet("kept"), Is.EqualTo("yes"));
    }
}
