using Testbed.Bec.Codec;
using Testbed.Bec.Values;
using Testbed.Scans.ScanServer.Catalogue;
using Testbed.Scans.Validation;

namespace Testbed.Scans.ScanServer.Guard;

/// <summary>Binds <c>parameter = {args, kwargs}</c> of a ScanQueueMessage to the scan's published signature, checking what the
/// signature says (bundle sizes, required parameters, types, ScanArgument bounds) as a bec_lib client would be told.</summary>
public static class ScanArguments
{
    public static BoundRequest Bind(ScanSignature signature, BecMap parameter)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(parameter);
        var args = parameter.GetOrNull("args") ?? new BecList();
        var kwargs = parameter.GetOrNull("kwargs") as BecMap ?? [];
        var call = Call(signature.Name, args, kwargs);
        var bundles = new List<Bundle>();
        var values = new Dictionary<string, BecValue>(StringComparer.Ordinal);
        var positional = signature.Parameters.Where(p => p.Kind == ParameterKind.Positional).ToList();

        if (signature.BundleSize > 0)
        {
            foreach (var (device, rest) in Groups(signature, args, call)) bundles.Add(CheckBundle(signature, device, rest, call));
            if (signature.MinBundles is { } min && bundles.Count < min)
                throw Refuse(call, $"{signature.Name} needs at least {min} group(s) of ({string.Join(", ", signature.BundleElements.Select(e => e.Name))}), got {bundles.Count}");
            if (signature.MaxBundles is { } max && bundles.Count > max)
                throw Refuse(call, $"{signature.Name} takes at most {max} group(s) of ({string.Join(", ", signature.BundleElements.Select(e => e.Name))}), got {bundles.Count}");
        }
        else
        {
            var list = args as BecList ?? throw Refuse(call, "args must be a list for this scan");
            if (list.Count > positional.Count)
                throw Refuse(call, $"{signature.Name} takes {positional.Count} positional argument(s) ({string.Join(", ", positional.Select(p => p.Name))}), got {list.Count}");
            for (var i = 0; i < list.Count; i++) values[positional[i].Name] = list[i];
        }
        foreach (var (key, value) in kwargs.Entries)
        {
            var name = key.AsString();
            if (signature.Find(name) is null) continue; // **kwargs: system_config and other client options
            if (values.ContainsKey(name)) throw Refuse(call, $"{name} given twice (positionally and by name)");
            values[name] = Plain(value);
        }
        foreach (var p in signature.Parameters)
        {
            if (!values.TryGetValue(p.Name, out var v))
            {
                if (p.Required) throw Refuse(call, $"{p.Name} is required (e.g. {p.Name}={Example(p)})");
                values[p.Name] = p.Default!;
                continue;
            }
            values[p.Name] = Check(p, v, call);
        }
        return new BoundRequest(signature, call, bundles, values, kwargs);
    }

    /// <summary>The request as Python source: devices by name, kwargs other than system_config.</summary>
    public static string Call(string scan, BecValue args, BecMap kwargs)
    {
        var parts = new List<string>();
        if (args is BecMap m)
            foreach (var (k, v) in m.Entries) parts.Add(string.Join(", ", new[] { k.TryGetKeyString(out var d) ? d : PythonText.Of(k) }.Concat((v as BecList ?? [v]).Select(PythonText.Of))));
        else if (args is BecList l) parts.AddRange(l.Select(x => x is BecStr s ? s.Value : PythonText.Of(x)));
        foreach (var (k, v) in kwargs.Entries)
            if (k.TryGetKeyString(out var name) && name != "system_config") parts.Add($"{name}={PythonText.Of(v)}");
        return $"{scan}({string.Join(", ", parts)})";
    }

    private static IEnumerable<(string Device, IReadOnlyList<BecValue> Values)> Groups(ScanSignature s, BecValue args, string call)
    {
        var n = s.BundleSize - 1;
        if (args is BecMap map)
        {
            foreach (var (key, value) in map.Entries)
            {
                if (!key.TryGetKeyString(out var device)) throw Refuse(call, $"a group must start with a device, not {PythonText.Of(key)}");
                yield return (device, value as BecList ?? throw Refuse(call, $"the values after {device} must be a list, not {PythonText.Of(value)}"));
            }
            yield break;
        }
        var flat = args as BecList ?? throw Refuse(call, "args must be a map of device → values or a flat list");
        if (flat.Count % s.BundleSize != 0)
            throw Refuse(call, $"{s.Name} takes groups of {s.BundleSize} ({string.Join(", ", s.BundleElements.Select(e => e.Name))}); {flat.Count} argument(s) do not make whole groups");
        for (var i = 0; i < flat.Count; i += s.BundleSize)
        {
            if (!flat[i].TryGetKeyString(out var device) && flat[i] is not BecStr) throw Refuse(call, $"a group must start with a device, not {PythonText.Of(flat[i])}");
            yield return (flat[i].AsString(), flat.Skip(i + 1).Take(n).ToList());
        }
    }

    private static Bundle CheckBundle(ScanSignature s, string device, IReadOnlyList<BecValue> rest, string call)
    {
        var elements = s.BundleElements.Skip(1).ToList();
        if (rest.Count != elements.Count)
            throw Refuse(call, $"{device} needs {elements.Count} value(s) ({string.Join(", ", elements.Select(e => e.Name))}), got {rest.Count}");
        return new Bundle(device, [.. rest.Select((v, i) => Check(elements[i] with { Name = $"{elements[i].Name} of {device}" }, Plain(v), call))]);
    }

    private static BecValue Check(ScanParameter p, BecValue v, string call)
    {
        switch (p.Type)
        {
            case "float" when v is BecInt or BecFloat:
                ScanChecks.Finite(call, p.Name, v.AsDouble());
                break;
            case "float":
                throw Refuse(call, $"{p.Name} must be a number, not {PythonText.Of(v)}");
            case "int" when v is BecInt || (v is BecFloat f && double.IsFinite(f.Value) && Math.Floor(f.Value) == f.Value):
                v = new BecInt((long)v.AsDouble());
                break;
            case "int":
                throw Refuse(call, $"{p.Name} must be a whole number, not {PythonText.Of(v)}");
            case "bool" when v is not BecBool:
                throw Refuse(call, $"{p.Name} must be True or False, not {PythonText.Of(v)}");
            case "str" or "DeviceBase" when v is not BecStr:
                throw Refuse(call, $"{p.Name} must be a {(p.Type == "str" ? "string" : "device")}, not {PythonText.Of(v)}");
        }
        if (v is BecInt or BecFloat) Bounds(p, v.AsDouble(), call);
        return v;
    }

    private static void Bounds(ScanParameter p, double x, string call)
    {
        var unit = p.Units is { Length: > 0 } u ? " " + u : "";
        // The common bounds read as the checks of every scan (ScanChecks); the others as the catalogue states them.
        if (p.Type == "int" && (p.Gt == 0 || p.Ge == 1)) ScanChecks.Points(call, p.Name, (long)x);
        if (p.Units == "s" && p.Ge == 0) ScanChecks.Wait(call, p.Name, x);
        if (p.Gt is { } gt && !(x > gt)) throw Refuse(call, $"{p.Name} must be greater than {PythonText.Number(gt)}{unit}, not {PythonText.Number(x)}");
        if (p.Ge is { } ge && !(x >= ge)) throw Refuse(call, $"{p.Name} must be at least {PythonText.Number(ge)}{unit}, not {PythonText.Number(x)}");
        if (p.Lt is { } lt && !(x < lt)) throw Refuse(call, $"{p.Name} must be less than {PythonText.Number(lt)}{unit}, not {PythonText.Number(x)}");
        if (p.Le is { } le && !(x <= le)) throw Refuse(call, $"{p.Name} must be at most {PythonText.Number(le)}{unit}, not {PythonText.Number(x)}");
    }

    private static string Example(ScanParameter p) => p.Type switch
    {
        "int" => "5",
        "float" => "0.1",
        "bool" => "False",
        _ => "…",
    };

    /// <summary>A value as Python sees it once decoded: device objects become their names.</summary>
    public static BecValue Plain(BecValue v) => v switch
    {
        DeviceRef d => new BecStr(d.Name),
        BecList l => new BecList(l.Select(Plain)),
        BecMap m => new BecMap(m.Entries.Select(e => new KeyValuePair<BecValue, BecValue>(Plain(e.Key), Plain(e.Value)))),
        _ => v,
    };

    internal static ScanParameterException Refuse(string call, string what) => new($"{call}: {what}; nothing moved");
}
