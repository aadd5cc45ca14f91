using System.Net;

namespace Testbed.Blissdata.Tests.Connection;

public class RedisUrlTests
{
    [Test]
    public void Redis_urls_and_host_port_both_work()
    {
        var a = RedisUrl.Parse("redis://10.0.0.5:6380/3");
        Assert.That(a.EndPoints.Single(), Is.EqualTo(new DnsEndPoint("10.0.0.5", 6380)).Or.EqualTo(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 6380)));
        Assert.That(a.DefaultDatabase, Is.EqualTo(3));
        var b = RedisUrl.Parse("localhost:6379");
        Assert.That(b.EndPoints.Single().ToString(), Does.Contain("6379"));
        Assert.That(b.DefaultDatabase, Is.Null);
        Assert.That(RedisUrl.Parse("redis://h").EndPoints.Single().ToString(), Does.Contain("6379"));
        Assert.That(RedisUrl.Parse("redis://:secret@h:1/0").Password, Is.EqualTo("secret"));
    }

    [Test]
    public void Bad_urls_say_what_is_expected()
    {
        Assert.That(() => RedisUrl.Parse("http://h:1"), Throws.ArgumentException.With.Message.Contains("redis://host:port/db"));
        Assert.That(() => RedisUrl.Parse("redis://h:1/x"), Throws.ArgumentException.With.Message.Contains("not a number"));
        Assert.That(() => RedisUrl.Parse(""), Throws.ArgumentException);
    }

    [TestCase("redis://127.0.0.1:6390/0", 1, "redis://127.0.0.1:6390/1")]
    [TestCase("redis://:secret@beamline-redis:6379", 3, "redis://:secret@beamline-redis:6379/3")]
    [TestCase("127.0.0.1:6390", 2, "redis://127.0.0.1:6390/2")]
    public void The_same_server_in_another_database_keeps_host_port_and_credentials(string url, int db, string expected)
    {
        Assert.That(RedisUrl.WithDatabase(url, db), Is.EqualTo(expected));
        Assert.That(RedisUrl.Database(expected), Is.EqualTo(db));
    }
}
