using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

using Testbed.Bec.Codec;
using Testbed.Bec.Messages;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Fixtures;

/// <summary>Compares a decoded value with the recording's <c>decoded</c> JSON, following the conventions of the fixtures' README.</summary>
/// <remarks>
/// Numbers: Python's json writes floats with a '.' or an exponent and ints without, so the kind is checked
/// too. One pydantic effect is allowed: a field typed as a str Enum shows as <c>{"__enum__": …}</c> in
/// <c>decoded</c> while the wire holds the plain str (counted in <see cref="PydanticEnums"/>).
/// </remarks>
public sealed class DecodedComparer
{
    /// <summary>Paths where a plain wire value stood for a recorded <c>__enum__</c>.</summary>
    public List<string> PydanticEnums { get; } = [];

    /// <summary>The top level of <c>decoded</c> is the message's field map.</summary>
    public string? CompareMessage(JsonNode expected, BecMessage actual) => CompareMap(expected.AsObject(), actual.Fields, "");

    public string? Compare(JsonNode? expected, BecValue actual, string path)
    {
        switch (expected)
        {
            case null:
                return actual is BecNil ? null : $"{path}: expected None, got {actual.Describe(60)}";
            case JsonArray array:
                if (actual is not BecList list) return $"{path}: expected a list, got {actual.Describe(60)}";
                if (list.Count != array.Count) return $"{path}: expected {array.Count} items, got {list.Count}";
                for (var i = 0; i < list.Count; i++)
                    if (Compare(array[i], list[i], $"{path}[{i}]") is { } m) return m;
                return null;
            case JsonObject obj:
                return CompareObject(obj, actual, path);
            default:
                return CompareScalar(expected.AsValue(), actual, path);
        }
    }

    private string? CompareObject(JsonObject obj, BecValue actual, string path)
    {
        if (obj["__message__"] is { } type)
        {
            if (actual is not BecMessage m || m.TypeName != (string)type!) return $"{path}: expected message {type}, got {actual.Describe(60)}";
            var fields = new JsonObject();
            foreach (var (k, v) in obj)
                if (k != "__message__") fields[k] = v?.DeepClone();
            return CompareMap(fields, m.Fields, path);
        }
        if (obj["__enum__"] is { } enumType)
        {
            if (actual is EnumValue e)
                return e.TypeName == (string)enumType! ? Compare(obj["value"], e.Value, path + "<enum>") : $"{path}: expected enum {enumType}, got {e.TypeName}";
            var plain = Compare(obj["value"], actual, path);
            if (plain is null) PydanticEnums.Add(path);
            return plain;
        }
        if (obj.ContainsKey("__ndarray__"))
        {
            if (actual is not NdArray a) return $"{path}: expected an ndarray, got {actual.Describe(60)}";
            if (a.DType != (string)obj["dtype"]!) return $"{path}: dtype {a.DType}, recorded {obj["dtype"]}";
            var shape = obj["shape"]!.AsArray().Select(d => (long)d!).ToArray();
            if (!shape.SequenceEqual(a.Shape)) return $"{path}: shape [{string.Join(", ", a.Shape)}], recorded [{string.Join(", ", shape)}]";
            if (obj["sha256"] is { } sha)
                return Convert.ToHexStringLower(SHA256.HashData(a.Bytes.Span)) == (string)sha! ? null : $"{path}: data differ from the recorded sha256";
            var flat = Flatten(obj["data"]).ToArray();
            return flat.SequenceEqual(a.ToDoubles()) ? null : $"{path}: data differ";
        }
        if (obj["__npscalar__"] is { } dtype)
        {
            if (actual is not NumpyScalar s) return $"{path}: expected a numpy scalar, got {actual.Describe(60)}";
            if (s.DType != (string)dtype!) return $"{path}: dtype {s.DType}, recorded {dtype}";
            return s.ToDouble() == (double)obj["value"]! ? null : $"{path}: value {s.ToDouble()}, recorded {obj["value"]}";
        }
        if (obj["__set__"] is JsonArray set)
            return actual is SetValue sv ? Compare(set, sv.Items, path) : $"{path}: expected a set, got {actual.Describe(60)}";
        if (obj["__bytes_b64__"] is { } b64)
            return actual is BecBin bin && Convert.ToBase64String(bin.Value.Span) == (string)b64! ? null : $"{path}: bytes differ";
        if (obj["__float__"] is { } special)
        {
            var want = (string)special! switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, _ => double.NegativeInfinity };
            return actual is BecFloat f && f.Value.Equals(want) ? null : $"{path}: expected float {special}, got {actual.Describe(30)}";
        }
        if (obj["__plain__"] is { } plainValue && obj.Count == 1)
            return Compare(plainValue, actual, path);
        // A plain dict, or a BaseModel (model_dump leaves a plain dict).
        var map = actual switch
        {
            BecModel model => model.Fields,
            BecMap m => m,
            _ => null,
        };
        return map is null ? $"{path}: expected a dict, got {actual.Describe(60)}" : CompareMap(obj, map, path);
    }

    private string? CompareMap(JsonObject expected, BecMap actual, string path)
    {
        if (expected.Count != actual.Count)
            return $"{path}: {actual.Count} keys [{string.Join(", ", actual.Keys)}], recorded {expected.Count} [{string.Join(", ", expected.Select(e => e.Key))}]";
        var i = 0;
        foreach (var (key, value) in expected)
        {
            var (k, v) = actual.Entries[i++];
            var name = k.TryGetKeyString(out var s) ? s : k is BecInt n ? n.Text : null;
            if (name != key) return $"{path}: key #{i} is {k.Describe(40)}, recorded '{key}'";
            if (Compare(value, v, $"{path}.{key}") is { } m) return m;
        }
        return null;
    }

    private static string? CompareScalar(JsonValue expected, BecValue actual, string path)
    {
        // Parsed fixtures hold JsonElements; values set in tests are re-read from their JSON text.
        var element = expected.TryGetValue<JsonElement>(out var e) ? e : JsonDocument.Parse(expected.ToJsonString()).RootElement;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return actual is BecStr s && s.Value == element.GetString() ? null : $"{path}: expected '{element.GetString()}', got {actual.Describe(60)}";
            case JsonValueKind.True:
            case JsonValueKind.False:
                return actual is BecBool b && b.Value == element.GetBoolean() ? null : $"{path}: expected {element.GetBoolean()}, got {actual.Describe(30)}";
            case JsonValueKind.Number:
                var text = element.GetRawText();
                if (text.IndexOfAny(['.', 'e', 'E']) >= 0)
                    return actual is BecFloat f && f.Value == element.GetDouble() ? null : $"{path}: expected float {text}, got {actual.Describe(30)}";
                if (actual is not BecInt i) return $"{path}: expected int {text}, got {actual.Describe(30)}";
                return i.Text == text ? null : $"{path}: expected {text}, got {i.Text}";
            default:
                return $"{path}: unexpected JSON {element.ValueKind}";
        }
    }

    private static IEnumerable<double> Flatten(JsonNode? node) => node switch
    {
        JsonArray a => a.SelectMany(Flatten),
        null => [],
        _ => [double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture)],
    };
}
