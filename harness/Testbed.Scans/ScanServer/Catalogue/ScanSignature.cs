using Testbed.Bec.Values;

namespace Testbed.Scans.ScanServer.Catalogue;

/// <summary>One scan of the catalogue, read from BEC's serialised Python signature: positional bundles and keyword parameters.</summary>
/// <param name="Name">The scan name (line_scan).</param>
/// <param name="IsScan">False for mv, umv and device_rpc: queue items without scan status or file.</param>
/// <param name="BundleSize">Elements per positional bundle ((device, start, stop) = 3); 0 for scans without bundles.</param>
/// <param name="MinBundles">Fewest bundles (null: no minimum).</param>
/// <param name="MaxBundles">Most bundles (null: no maximum).</param>
/// <param name="BundleElements">The bundle's elements in order (device, start, stop).</param>
/// <param name="Parameters">The signature's named parameters in order (*args and **kwargs left out).</param>
public sealed record ScanSignature(string Name, bool IsScan, int BundleSize, int? MinBundles, int? MaxBundles,
    IReadOnlyList<ScanParameter> BundleElements, IReadOnlyList<ScanParameter> Parameters)
{
    public ScanParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    internal static ScanSignature Parse(string name, BecMap entry)
    {
        var size = entry["arg_bundle_size"].AsMap();
        var elements = entry["arg_input"].AsMap().Entries
            .Select(e => ScanParameter.Parse(e.Key.AsString(), ParameterKind.Positional, null, e.Value)).ToList();
        var parameters = new List<ScanParameter>();
        foreach (var p in entry["signature"].AsList())
        {
            var m = p.AsMap();
            var kind = m["kind"].AsString() switch
            {
                "POSITIONAL_OR_KEYWORD" or "POSITIONAL_ONLY" => ParameterKind.Positional,
                "KEYWORD_ONLY" => ParameterKind.KeywordOnly,
                _ => (ParameterKind?)null,
            };
            if (kind is null) continue;
            var d = m["default"];
            parameters.Add(ScanParameter.Parse(m["name"].AsString(), kind.Value, d is BecStr { Value: ScanParameter.Empty } ? null : d, m["annotation"]));
        }
        return new ScanSignature(name, entry["is_scan"].AsBool(), (int)size["bundle"].AsInt64(), OptionalInt(size["min"]), OptionalInt(size["max"]),
            elements, parameters);
    }

    private static int? OptionalInt(BecValue v) => v is BecNil ? null : (int)v.AsInt64();
}

/// <summary>Positional-or-keyword, or keyword-only.</summary>
public enum ParameterKind
{
    Positional,
    KeywordOnly,
}

/// <summary>A named parameter: its Python type and the bounds of its ScanArgument annotation.</summary>
/// <param name="Name">Parameter name.</param>
/// <param name="Kind">Positional or keyword-only.</param>
/// <param name="Gt">Exclusive lower bound, or null.</param>
/// <param name="Ge">Inclusive lower bound, or null.</param>
/// <param name="Lt">Exclusive upper bound, or null.</param>
/// <param name="Le">Inclusive upper bound, or null.</param>
/// <param name="Units">Unit of the value (s for times), or null.</param>
/// <param name="Default">The default, or null when the parameter is required.</param>
/// <param name="Type">float, int, bool, str, list, dict or DeviceBase; null when not annotated.</param>
public sealed record ScanParameter(string Name, ParameterKind Kind, BecValue? Default, string? Type,
    double? Gt, double? Ge, double? Lt, double? Le, string? Units)
{
    /// <summary>BEC's marker for "no default" and "no annotation".</summary>
    public const string Empty = "_empty";

    public bool Required => Default is null;

    internal static ScanParameter Parse(string name, ParameterKind kind, BecValue? defaultValue, BecValue annotation)
    {
        string? type = null;
        BecMap? argument = null;
        switch (annotation)
        {
            case BecStr { Value: Empty }:
                break;
            case BecStr s:
                type = s.Value;
                break;
            case BecMap m when m.GetOrNull("Annotated") is BecMap a:
                type = a.GetOrNull("type") is BecStr t ? t.Value : null;
                argument = (a.GetOrNull("metadata") as BecMap)?.GetOrNull("ScanArgument") as BecMap;
                break;
        }
        return new ScanParameter(name, kind, defaultValue, type,
            Bound(argument, "gt"), Bound(argument, "ge"), Bound(argument, "lt"), Bound(argument, "le"),
            argument?.GetOrNull("units") is BecStr u ? u.Value : null);
    }

    private static double? Bound(BecMap? argument, string key) =>
        argument?.GetOrNull(key) is { } v && v is not BecNil ? v.AsDouble() : null;
}
