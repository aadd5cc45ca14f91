using System.Text.Json;
using System.Text.Json.Nodes;

namespace Testbed.Twin.Detector.Simplon;

/// <summary>One SIMPLON config/status key: how it is read, typed, bounded and (if writable) set.</summary>
public sealed record SimplonParameter(string Key, string ValueType, Func<JsonNode?> Get, Action<JsonElement>? Set = null)
{
    public string? Unit { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public string[]? AllowedValues { get; init; }

    public string AccessMode => Set is null ? "r" : "rw";

    /// <summary>The GET reply: value plus its description (value_type, min, max, allowed_values, unit, access_mode).</summary>
    public JsonObject Describe()
    {
        var o = new JsonObject { ["value"] = Get(), ["value_type"] = ValueType, ["access_mode"] = AccessMode };
        if (Unit is not null) o["unit"] = Unit;
        if (Min is not null) o["min"] = Min;
        if (Max is not null) o["max"] = Max;
        if (AllowedValues is not null) o["allowed_values"] = new JsonArray([.. AllowedValues.Select(a => (JsonNode)a)]);
        return o;
    }

    /// <summary>Checks the JSON type and bounds, then sets; 400 with the reason otherwise.</summary>
    public void Apply(JsonElement value)
    {
        if (Set is null) throw new SimplonException(400, $"'{Key}' is read-only");
        switch (ValueType)
        {
            case "float":
                if (value.ValueKind != JsonValueKind.Number) throw Bad(value, "a number");
                CheckRange(value.GetDouble());
                break;
            case "int" or "uint":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var i)) throw Bad(value, "an integer");
                CheckRange(i);
                break;
            case "bool":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Bad(value, "true or false");
                break;
            case "string":
                if (value.ValueKind != JsonValueKind.String) throw Bad(value, "a string");
                if (AllowedValues is not null && !AllowedValues.Contains(value.GetString()))
                    throw new SimplonException(400, $"'{Key}' cannot be '{value.GetString()}'; allowed values: {string.Join(", ", AllowedValues)}");
                break;
        }
        Set(value);
    }

    private void CheckRange(double v)
    {
        if ((Min is { } min && v < min) || (Max is { } max && v > max))
            throw new SimplonException(400, $"'{Key}' = {v} is out of range {Min}…{Max}{(Unit is null ? "" : " " + Unit)}");
    }

    private SimplonException Bad(JsonElement value, string expected) =>
        new(400, $"'{Key}' must be {expected} ({ValueType}), got {value.GetRawText()}");
}

/// <summary>The keys of one module's config or status, looked up by name.</summary>
public sealed class SimplonTable(IEnumerable<SimplonParameter> parameters)
{
    private readonly Dictionary<string, SimplonParameter> _byKey = parameters.ToDictionary(p => p.Key);

    public IEnumerable<string> Keys => _byKey.Keys.Order(StringComparer.Ordinal);

    public SimplonParameter? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Every value as JSON text, to find which keys a PUT changed.</summary>
    public Dictionary<string, string> Snapshot() => _byKey.ToDictionary(p => p.Key, p => p.Value.Get()?.ToJsonString() ?? "null");
}
