using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Documents;

/// <summary>The scan JSON document stored at <c>esrf:scan:&lt;pk&gt;</c> (§4): exactly pk, id, info, state_stream, data_streams.</summary>
public sealed class ScanDocument
{
    public ScanDocument(string pk, string identityPk, ScanIdentity identity, JsonObject info, string statePk,
        IReadOnlyDictionary<string, StreamModel> streams)
    {
        Pk = pk;
        IdentityPk = identityPk;
        Identity = identity;
        Info = info;
        StatePk = statePk;
        Streams = streams;
    }

    public string Pk { get; }
    public string IdentityPk { get; }
    public ScanIdentity Identity { get; }
    public JsonObject Info { get; }
    public string StatePk { get; }
    public IReadOnlyDictionary<string, StreamModel> Streams { get; }

    public string Key => Protocol.ScanPrefix + Pk;
    public string StateKey => Protocol.StreamPrefix + StatePk;

    public JsonObject ToJson()
    {
        var streams = new JsonObject();
        foreach (var (name, model) in Streams) streams[name] = model.ToJson();
        return new JsonObject
        {
            ["pk"] = Pk,
            ["id"] = Identity.ToJson(IdentityPk),
            ["info"] = Info.DeepClone(),
            ["state_stream"] = new JsonObject { ["pk"] = StatePk, ["encoding"] = null, ["info"] = null },
            ["data_streams"] = streams,
        };
    }

    /// <summary>The document as Python's json.dumps would write it (ASCII, ", " and ": " separators).</summary>
    public string Serialize() => Encoding.PythonJson.Dumps(ToJson());

    public static ScanDocument Parse(string json, string key)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json, documentOptions: Encoding.JsonFields.Strict); }
        catch (JsonException e) { throw new ScanValidationException($"{key}: the scan document is not JSON ({e.Message})"); }
        if (root is not JsonObject o) throw new ScanValidationException($"{key}: the scan document is not a JSON object");
        var pk = Encoding.JsonFields.String(o["pk"], $"{key}: pk") ?? throw new ScanValidationException($"{key}: no pk");
        var identity = ScanIdentity.Parse(o["id"], key);
        var info = o["info"] as JsonObject ?? throw new ScanValidationException($"{key}: info must be an object");
        var statePk = Encoding.JsonFields.String((o["state_stream"] as JsonObject)?["pk"], $"{key}: state_stream.pk") ?? throw new ScanValidationException($"{key}: state_stream.pk missing");
        var streams = new Dictionary<string, StreamModel>();
        if (o["data_streams"] is JsonObject ds)
            foreach (var (name, node) in ds) streams[name] = StreamModel.Parse(node, $"{key} data_streams['{name}']");
        else if (o["data_streams"] is not null) throw new ScanValidationException($"{key}: data_streams must be an object");
        return new ScanDocument(pk, identity.Pk ?? "", identity, (JsonObject)info.DeepClone(), statePk, streams);
    }
}
