using System.Text.Json.Nodes;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Documents;

/// <summary>One entry of <c>data_streams</c>: the stream's ULID, its encoding and its <c>info</c> object (§4, §6.6).</summary>
public sealed record StreamModel(string Pk, StreamEncoding Encoding, JsonObject Info)
{
    public string Key => Protocol.StreamPrefix + Pk;

    /// <summary>The plugin a 2.x reader routes this stream to (§6.7); null for a default stream.</summary>
    public string? ResolvePlugin(bool scanSaves)
    {
        if (Info["plugin"] is JsonValue p && p.TryGetValue<string>(out var plugin)) return plugin;
        return Kinds.StreamKinds.All.FirstOrDefault(k => k.Claims(this, scanSaves))?.Name;
    }

    /// <summary>numpy dtype name from <c>info.dtype</c> (or the encoding), "object" for JSON streams.</summary>
    public string DTypeName => JsonFields.StringOrNull(Info["dtype"]) ?? Encoding.DType?.Name ?? "object";

    /// <summary>Point shape from <c>info.shape</c> (or the encoding).</summary>
    /// <remarks>Display information: an <c>info.shape</c> that is not a list of integers is ignored.</remarks>
    public int[] PointShape => Info["shape"] is JsonArray a && a.All(n => JsonFields.IntOrNull(n) is not null)
        ? [.. a.Select(n => JsonFields.IntOrNull(n)!.Value)] : Encoding.Shape;

    public JsonObject ToJson() => new()
    {
        ["pk"] = Pk,
        ["encoding"] = Encoding.ToJson(),
        ["info"] = Info.DeepClone(),
    };

    public static StreamModel Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject o) throw new ScanValidationException($"{where}: stream model must be an object");
        var pk = JsonFields.String(o["pk"], $"{where}: pk") ?? throw new ScanValidationException($"{where}: stream model without pk");
        var info = o["info"] as JsonObject ?? throw new ScanValidationException($"{where}: stream info must be an object");
        return new StreamModel(pk, StreamEncoding.Parse(o["encoding"], where), (JsonObject)info.DeepClone());
    }
}
