using Testbed.Blissdata.Documents;

namespace Testbed.Blissdata.Tests.Documents;

/// <summary>The Redis Stack commands, argument by argument (they cannot run on plain Redis).</summary>
public class RedisStackCommandsTests
{
    [Test]
    public void FT_CREATE_has_the_schema_of_a_real_blissdata_init()
    {
        var c = RedisStackCommands.CreateIndex();
        Assert.That(c.Name, Is.EqualTo("FT.CREATE"));
        string[] expected =
        [
            "esrf:scan:index", "ON", "JSON", "PREFIX", "1", "esrf:scan:", "SCHEMA",
            "$.pk", "AS", "pk", "TAG", "SEPARATOR", "|",
            "$.id.pk", "AS", "id_pk", "TAG", "SEPARATOR", "|",
            "$.id.name", "AS", "id_name", "TAG", "SEPARATOR", "|",
            "$.id.number", "AS", "id_number", "NUMERIC",
            "$.id.data_policy", "AS", "id_data_policy", "TAG", "SEPARATOR", "|",
            "$.id.session", "AS", "id_session", "TAG", "SEPARATOR", "|",
            "$.id.proposal", "AS", "id_proposal", "TAG", "SEPARATOR", "|",
            "$.id.collection", "AS", "id_collection", "TAG", "SEPARATOR", "|",
            "$.id.dataset", "AS", "id_dataset", "TAG", "SEPARATOR", "|",
            "$.id.path", "AS", "id_path", "TAG", "SEPARATOR", "|",
            "$.state_stream.pk", "AS", "state_stream_pk", "TAG", "SEPARATOR", "|",
        ];
        Assert.That(c.Args, Is.EqualTo(expected));
    }

    [Test]
    public void Index_hash_is_the_sha1_that_blissdata_stores()
    {
        Assert.That(RedisStackCommands.SchemaHash, Is.EqualTo("53f88e5eee38ba1d63a533c6e3e2927beed34a08"));
        var set = RedisStackCommands.SetIndexHash();
        Assert.That(set.Name, Is.EqualTo("SET"));
        Assert.That(set.Args, Is.EqualTo(new object[] { "esrf:scan:index:hash", "53f88e5eee38ba1d63a533c6e3e2927beed34a08" }));
    }

    [Test]
    public void JSON_SET_writes_the_whole_document_at_the_root()
    {
        var c = RedisStackCommands.JsonSet("esrf:scan:01J9ZQ6V8M4T2N7K3B5C1D9E0F", "{\"pk\":\"01J9ZQ6V8M4T2N7K3B5C1D9E0F\"}");
        Assert.That(c.Name, Is.EqualTo("JSON.SET"));
        Assert.That(c.Args, Is.EqualTo(new object[] { "esrf:scan:01J9ZQ6V8M4T2N7K3B5C1D9E0F", "$", "{\"pk\":\"01J9ZQ6V8M4T2N7K3B5C1D9E0F\"}" }));
        Assert.That(RedisStackCommands.JsonGet("k").Args, Is.EqualTo(new object[] { "k" }));
    }

    [Test]
    public void FT_SEARCH_and_FT_CONFIG_arguments()
    {
        var s = RedisStackCommands.Search("@id_dataset:{dataset1*}");
        Assert.That(s.Name, Is.EqualTo("FT.SEARCH"));
        Assert.That(s.Args, Is.EqualTo(new object[] { "esrf:scan:index", "@id_dataset:{dataset1*}", "NOCONTENT", "LIMIT", "0", "1000" }));
        Assert.That(RedisStackCommands.Search("*", 1234).Args[^1], Is.EqualTo("1234"));
        var c = RedisStackCommands.ConfigMaxPrefixExpansions();
        Assert.That(c.Name, Is.EqualTo("FT.CONFIG"));
        Assert.That(c.Args, Is.EqualTo(new object[] { "SET", "MAXPREFIXEXPANSIONS", "2000" }));
    }
}
