using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Encoding;

/// <summary>JSON as Python's <c>json.dumps</c> writes it (", " and ": " separators, ASCII escapes), and NaN/Inf → null.</summary>
/// <remarks>blissdata's 1 MiB limit is counted on that text, so the size check must count the same characters.</remarks>
public static class PythonJson
{
    /// <summary>A deep copy of <paramref name="node"/> where NaN and ±Infinity numbers became null (§5.2).</summary>
    public static JsonNode? Sanitize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, Sanitize(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sanitize).ToArray()),
        JsonValue v when v.TryGetValue<double>(out var d) && !double.IsFinite(d) => null,
        JsonValue v when v.TryGetValue<float>(out var f) && !float.IsFinite(f) => null,
        _ => node.DeepClone(),
    };

    public static string Dumps(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteString(sb, k);
                    sb.Append(": ");
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: WriteString(sb, v.GetValue<string>()); break;
                    case JsonValueKind.True: sb.Append("true"); break;
                    case JsonValueKind.False: sb.Append("false"); break;
                    case JsonValueKind.Number:
                        if (v.TryGetValue<double>(out var d) && !double.IsFinite(d)) sb.Append(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                        else sb.Append(v.ToJsonString());
                        break;
                    default: sb.Append(v.ToJsonString()); break;
                }
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
