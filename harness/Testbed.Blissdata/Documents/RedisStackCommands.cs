using System.Security.Cryptography;


namespace Testbed.Blissdata.Documents;

/// <summary>The commands that exist only on Redis Stack (RedisJSON + RediSearch), with the exact arguments of §2, §4, §9.</summary>
public static class RedisStackCommands
{
    /// <summary>The schema as redis-om 0.3.5 writes it (§12), double space and trailing space included: its SHA-1 is the bookkeeping hash.</summary>
    public const string SchemaString =
        "ON JSON PREFIX 1 esrf:scan: SCHEMA $.pk AS pk TAG SEPARATOR | $.id.pk AS id_pk TAG SEPARATOR | " +
        "$.id.name AS id_name TAG SEPARATOR | $.id.number AS id_number NUMERIC $.id.data_policy AS id_data_policy TAG SEPARATOR | " +
        "$.id.session AS id_session TAG SEPARATOR | $.id.proposal AS id_proposal TAG SEPARATOR | " +
        "$.id.collection AS id_collection TAG SEPARATOR | $.id.dataset AS id_dataset TAG SEPARATOR | " +
        "$.id.path AS id_path TAG SEPARATOR |  $.state_stream.pk AS state_stream_pk TAG SEPARATOR | ";

    public const int SearchPageSize = 1000;

    public static string SchemaHash => Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(SchemaString)));

    /// <summary><c>FT.CREATE esrf:scan:index ON JSON PREFIX 1 esrf:scan: SCHEMA …</c>, one argument per word of the schema.</summary>
    public static RedisCommand CreateIndex() =>
        new("FT.CREATE", [Protocol.IndexName, .. SchemaString.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

    public static RedisCommand IndexInfo() => new("FT.INFO", [Protocol.IndexName]);

    public static RedisCommand SetIndexHash() => new("SET", [Protocol.IndexHashKey, SchemaHash]);

    public static RedisCommand ConfigMaxPrefixExpansions() => new("FT.CONFIG", ["SET", "MAXPREFIXEXPANSIONS", "2000"]);

    /// <summary><c>JSON.SET &lt;key&gt; $ &lt;doc&gt;</c>: the whole document, written at creation and every transition.</summary>
    public static RedisCommand JsonSet(string key, string document) => new("JSON.SET", [key, "$", document]);

    public static RedisCommand JsonGet(string key) => new("JSON.GET", [key]);

    /// <summary><c>FT.SEARCH esrf:scan:index &lt;query&gt; NOCONTENT LIMIT 0 &lt;n&gt;</c> (§9.1).</summary>
    public static RedisCommand Search(string query, int limit = SearchPageSize) =>
        new("FT.SEARCH", [Protocol.IndexName, query, "NOCONTENT", "LIMIT", "0", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
