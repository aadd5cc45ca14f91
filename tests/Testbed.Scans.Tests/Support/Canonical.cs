using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Testbed.Bec.Codec;
using Testbed.Bec.Messages;
using Testbed.Bec.Values;

namespace Testbed.Scans.Tests.Support;

/// <summary>One form for a recorded <c>decoded</c> JSON and a payload decoded here, so the two compare field by field: numbers keep
/// their kind (<c>i:1</c>, <c>f:1</c>), ids and times are masked (<c>&lt;uuid&gt;</c>, <c>&lt;t&gt;</c>), the test's data folder reads as
/// the recording's <c>/data</c>, readout-priority lists are sets, and the keys this implementation adds on purpose are dropped.</summary>
public static partial class Canonical
{
    private static readonly HashSet<string> TimeKeys = ["timestamp", "start_time", "end_time"];

    /// <summary>Keys this implementation adds to BEC's maps (the blissdata contract, the reason of a failure).</summary>
    public static readonly HashSet<string> Added = ["blissdata", "failure"];

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    public static string Key(string key, string? dataRoot = null) => Text(key, dataRoot);

    /// <summary>A recorded <c>decoded</c>.</summary>
    public static JsonNode? OfRecorded(JsonNode? node, string? key = null) => node switch
    {
        null => null,
        JsonArray a => Arr(a.Select(x => OfRecorded(x)), key),
        JsonObject o when o["__enum__"] is not null => OfRecorded(o["value"], key),
        JsonObject o when o["__npscalar__"] is { } dt => new JsonObject { ["__npscalar__"] = (string)dt!, ["value"] = Masked(key, "n:" + N(o["value"]!.GetValue<double>())) },
        JsonObject o when o.ContainsKey("__ndarray__") => new JsonObject { ["__ndarray__"] = (string)o["dtype"]!, ["shape"] = o["shape"]!.DeepClone() },
        JsonObject o when o["__set__"] is JsonArray s => OfRecorded(s, key),
        JsonObject o when o["__plain__"] is { } p && o.Count == 1 => OfRecorded(p, key),
        JsonObject o => Obj(o.Select(kv => (kv.Key, OfRecorded(kv.Value, kv.Key))), key),
        _ => Scalar((JsonElement)node.AsValue().GetValue<JsonElement>(), key),
    };

    /// <summary>A payload decoded by this library (top level: the message's field map).</summary>
    public static JsonNode? OfWire(BecValue value, string? dataRoot, string? key = null, bool top = true) => value switch
    {
        BecNil => null,
        BecBool b => Masked(key, b.Value),
        BecInt i => Masked(key, "i:" + i.Value.ToString(CultureInfo.InvariantCulture)),
        BecFloat f => Masked(key, "f:" + N(f.Value)),
        BecStr s => Masked(key, Text(s.Value, dataRoot)),
        DeviceRef d => d.Name,
        EnumValue e => OfWire(e.Value, dataRoot, key, false),
        NumpyScalar n => new JsonObject { ["__npscalar__"] = n.DType, ["value"] = Masked(key, "n:" + N(n.ToDouble())) },
        NdArray a => new JsonObject { ["__ndarray__"] = a.DType, ["shape"] = new JsonArray([.. a.Shape.Select(d => (JsonNode)d)]) },
        SetValue s => OfWire(s.Items, dataRoot, key, false),
        BecMessage m when top => Obj(m.Fields.Entries.Select(e => (e.Key.AsString(), OfWire(e.Value, dataRoot, e.Key.AsString(), false))), key),
        BecMessage m => Obj(new[] { ("__message__", (JsonNode?)m.TypeName) }.Concat(m.Fields.Entries.Select(e => (e.Key.AsString(), OfWire(e.Value, dataRoot, e.Key.AsString(), false)))), key),
        BecModel m => Obj(m.Fields.Entries.Select(e => (e.Key.AsString(), OfWire(e.Value, dataRoot, e.Key.AsString(), false))), key),
        BecList l => Arr(l.Select(x => OfWire(x, dataRoot, null, false)), key),
        BecMap m => Obj(m.Entries.Select(e => (e.Key.TryGetKeyString(out var k) ? k : e.Key.ToString(), OfWire(e.Value, dataRoot, e.Key.TryGetKeyString(out var k2) ? k2 : null, false))), key),
        BecBin b => "bin:" + Convert.ToBase64String(b.Value.Span),
        _ => value.ToString(),
    };

    /// <summary>The first difference between two canonical forms (a path and both values), or null when equal.</summary>
    public static string? Difference(JsonNode? expected, JsonNode? actual, string path = "")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (k, v) in e)
                {
                    if (!a.ContainsKey(k)) return $"{path}.{k}: missing (recorded {Show(v)})";
                    if (Difference(v, a[k], $"{path}.{k}") is { } d) return d;
                }
                var extra = a.Select(kv => kv.Key).Where(k => !e.ContainsKey(k)).ToList();
                return extra.Count > 0 ? $"{path}: keys not recorded: {string.Join(", ", extra)}" : null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) return $"{path}: {a.Count} items, recorded {e.Count} ({Show(actual)} vs {Show(expected)})";
                for (var i = 0; i < e.Count; i++)
                    if (Difference(e[i], a[i], $"{path}[{i}]") is { } d) return d;
                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path}: {Show(actual)}, recorded {Show(expected)}";
        }
    }

    private static string Show(JsonNode? n)
    {
        var s = n?.ToJsonString() ?? "null";
        return s.Length > 160 ? s[..160] + "…" : s;
    }

    private static JsonNode? Masked(string? key, JsonNode? value) => key is not null && TimeKeys.Contains(key) ? "<t>" : value;

    private static JsonNode Arr(IEnumerable<JsonNode?> items, string? key)
    {
        var list = items.ToList();
        // readout_priority lists are Python sets in BEC: their order is not part of the contract.
        if (key is "monitored" or "baseline" or "async" or "on_request" or "continuous")
            list = [.. list.OrderBy(x => x?.ToJsonString(), StringComparer.Ordinal)];
        return new JsonArray([.. list]);
    }

    private static JsonObject Obj(IEnumerable<(string Key, JsonNode? Value)> entries, string? key)
    {
        var o = new JsonObject();
        foreach (var (k, v) in entries)
        {
            if (Added.Contains(k)) continue;
            o[k] = TimeKeys.Contains(k) && v is not null and not JsonObject ? "<t>" : v;
        }
        _ = key;
        return o;
    }

    private static JsonNode? Scalar(JsonElement e, string? key) => e.ValueKind switch
    {
        JsonValueKind.String => Masked(key, Text(e.GetString()!, null)),
        JsonValueKind.True => Masked(key, true),
        JsonValueKind.False => Masked(key, false),
        JsonValueKind.Number when e.GetRawText().IndexOfAny(['.', 'e', 'E']) >= 0 => Masked(key, "f:" + N(e.GetDouble())),
        JsonValueKind.Number => Masked(key, "i:" + e.GetRawText()),
        _ => null,
    };

    private static string Text(string s, string? dataRoot)
    {
        if (dataRoot is not null && s.StartsWith(dataRoot, StringComparison.Ordinal)) s = "/data" + s[dataRoot.Length..];
        return Uuid().Replace(s, "<uuid>");
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
