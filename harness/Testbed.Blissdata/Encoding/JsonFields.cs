using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Encoding;

/// <summary>Typed reads of JSON written by others: a value of the wrong kind is a <see cref="ScanValidationException"/> naming it, never a cast failure.</summary>
internal static class JsonFields
{
    /// <summary>Duplicate keys are refused at parse time: JsonObject would otherwise throw on first access.</summary>
    public static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The string, or null when absent or JSON null.</summary>
    public static string? String(JsonNode? node, string what) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new ScanValidationException($"{what} must be a string, not {Describe(node)}"),
    };

    /// <summary>The integer, or null when absent or JSON null.</summary>
    public static long? Long(JsonNode? node, string what) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        _ => throw new ScanValidationException($"{what} must be an integer, not {Describe(node)}"),
    };

    /// <summary>A string when it is one (lenient reads of optional display fields).</summary>
    public static string? StringOrNull(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer when it is one.</summary>
    public static int? IntOrNull(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static string Describe(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
