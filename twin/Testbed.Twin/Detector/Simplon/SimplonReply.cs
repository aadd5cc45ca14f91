using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>A SIMPLON HTTP reply, independent of the transport: status, content type and body.</summary>
public sealed record SimplonReply(int Status, string ContentType, byte[] Body)
{
    // Readable error texts: no \u0027 for quotes; replies are JSON bodies, never embedded in HTML.
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SimplonReply Json(JsonNode? node, int status = 200) =>
        new(status, "application/json", Encoding.UTF8.GetBytes(node?.ToJsonString(Options) ?? "null"));

    /// <summary>An error with a JSON body <c>{"error": "…"}</c> saying what is wrong and what to do.</summary>
    public static SimplonReply Error(int status, string message) =>
        Json(new JsonObject { ["error"] = message }, status);

    public static SimplonReply Empty() => new(200, "application/json", []);

    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>A request the SIMPLON layer refuses; becomes a JSON error reply with <see cref="Status"/>.</summary>
public sealed class SimplonException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>JSON helpers for SIMPLON bodies <c>{"value": …}</c>.</summary>
internal static class SimplonJson
{
    /// <summary>The <c>value</c> of a PUT body; 400 if the body is not such an object.</summary>
    public static JsonElement? Value(byte[] body, bool required)
    {
        if (body.Length == 0)
            return required ? throw new SimplonException(400, "the body must be a JSON object {\"value\": …}") : null;
        // JsonDocument checks UTF-8 only when a string is read; a bad byte must be a 400 here, not a failure in a setter.
        if (!System.Text.Unicode.Utf8.IsValid(body)) throw new SimplonException(400, "the body is not valid UTF-8; send UTF-8 JSON {\"value\": …}");
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement.Clone(); }
        catch (JsonException e) { throw new SimplonException(400, $"the body is not valid JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new SimplonException(400, "the body must be a JSON object {\"value\": …}");
        if (root.TryGetProperty("value", out var v)) return v;
        return required ? throw new SimplonException(400, "the body lacks \"value\"; send {\"value\": …}") : null;
    }
}
