using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Documents;

/// <summary>The indexed identity of a scan (<c>$.id</c>, "ESRFIdentityModel", §4).</summary>
public sealed record ScanIdentity(string Name, long Number, string DataPolicy)
{
    public string? Session { get; init; }
    public string? Proposal { get; init; }
    public string? Collection { get; init; }
    public string? Dataset { get; init; }

    /// <summary>HDF5 file the scan is saved in; null when not saved.</summary>
    public string? Path { get; init; }

    /// <summary>The identity model's own ULID (random, unused by readers).</summary>
    public string? Pk { get; init; }

    public JsonObject ToJson(string pk) => new()
    {
        ["pk"] = pk,
        ["name"] = Name,
        ["number"] = Number,
        ["data_policy"] = DataPolicy,
        ["session"] = Session,
        ["proposal"] = Proposal,
        ["collection"] = Collection,
        ["dataset"] = Dataset,
        ["path"] = Path,
    };

    /// <summary>Validates like pydantic's lax mode: strings stay strings, the number must be integral.</summary>
    public static ScanIdentity Parse(JsonNode? node, string key)
    {
        if (node is not JsonObject o) throw new ScanValidationException($"{key}: 'id' is missing or not an object");
        string RequiredString(string field) =>
            o[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : throw new ScanValidationException($"{key}: id.{field} must be a string");
        string? OptionalString(string field) => o[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new ScanValidationException($"{key}: id.{field} must be a string or null"),
        };
        long number;
        if (o["number"] is JsonValue n && n.TryGetValue<long>(out var l)) number = l;
        else if (o["number"] is JsonValue m && m.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15) number = (long)d;
        else throw new ScanValidationException($"{key}: id.number must be an integer");
        return new ScanIdentity(RequiredString("name"), number, RequiredString("data_policy"))
        {
            Pk = OptionalString("pk"),
            Session = OptionalString("session"),
            Proposal = OptionalString("proposal"),
            Collection = OptionalString("collection"),
            Dataset = OptionalString("dataset"),
            Path = OptionalString("path"),
        };
    }
}
