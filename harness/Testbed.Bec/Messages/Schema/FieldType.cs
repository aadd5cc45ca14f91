using Testbed.Bec.Codec;
using Testbed.Bec.Values;

namespace Testbed.Bec.Messages.Schema;

/// <summary>What pydantic accepts for one field of a BEC model; <see cref="Check"/> gives the refusal as one line, or null.</summary>
internal abstract class FieldType
{
    /// <summary>The Python annotation it stands for, for messages (<c>str | None</c>).</summary>
    public abstract string Name { get; }

    public abstract string? Check(BecValue value, string path);

    private protected static string Expected(string path, string what, BecValue got) => $"{path}: expected {what}, got {got.Describe(60)}";
}

/// <summary>A field type given by a predicate (the common scalar cases).</summary>
internal sealed class SimpleType(string name, Func<BecValue, bool> accepts) : FieldType
{
    public override string Name { get; } = name;

    public override string? Check(BecValue value, string path) => accepts(value) ? null : Expected(path, Name, value);
}

/// <summary><c>a | b | …</c>: the first alternative that accepts wins; the refusal names every alternative.</summary>
internal sealed class UnionType(IReadOnlyList<FieldType> alternatives) : FieldType
{
    public override string Name { get; } = string.Join(" | ", alternatives.Select(a => a.Name));

    public override string? Check(BecValue value, string path)
    {
        string? deeper = null;
        string? single = null;
        var others = 0;
        foreach (var a in alternatives)
        {
            var problem = a.Check(value, path);
            if (problem is null) return null;
            if (ReferenceEquals(a, NoneType.Instance)) continue;
            others++;
            single = problem;
            if (deeper is null && (problem.StartsWith(path + ".", StringComparison.Ordinal) || problem.StartsWith(path + "[", StringComparison.Ordinal)))
                deeper = problem;
        }
        // Say what the one real alternative refused, or the deepest reason, rather than "expected a | b".
        if (deeper is not null) return deeper;
        return others == 1 && single is not null && !single.StartsWith(path + ": expected ", StringComparison.Ordinal) ? single : Expected(path, Name, value);
    }
}

/// <summary>Python None.</summary>
internal sealed class NoneType : FieldType
{
    public static readonly NoneType Instance = new();

    public override string Name => "None";

    public override string? Check(BecValue value, string path) => value is BecNil ? null : Expected(path, Name, value);
}

/// <summary><c>Literal["a", "b", …]</c> over strings.</summary>
internal sealed class LiteralType(IReadOnlyList<string> values) : FieldType
{
    public IReadOnlyList<string> Values { get; } = values;

    public override string Name => $"Literal[{string.Join(", ", Values.Select(v => $"'{v}'"))}]";

    public override string? Check(BecValue value, string path) =>
        value is BecStr s && Values.Contains(s.Value, StringComparer.Ordinal)
            ? null
            : value is BecStr bad
                ? $"{path}: '{bad.Value}' is not one of {string.Join(", ", Values.Select(v => $"'{v}'"))}"
                : Expected(path, "one of " + string.Join(", ", Values.Select(v => $"'{v}'")), value);
}

/// <summary><c>list[T]</c>.</summary>
internal sealed class ListOfType(FieldType item) : FieldType
{
    public override string Name => $"list[{item.Name}]";

    public override string? Check(BecValue value, string path)
    {
        if (value is not BecList list) return Expected(path, Name, value);
        for (var i = 0; i < list.Count; i++)
            if (item.Check(list[i], $"{path}[{i}]") is { } problem) return problem;
        return null;
    }
}

/// <summary><c>dict[K, V]</c>: keys are strings (optionally from a closed set); a BaseModel envelope counts as its dict.</summary>
internal sealed class DictOfType(FieldType value, LiteralType? keys) : FieldType
{
    public override string Name => $"dict[{keys?.Name ?? "str"}, {value.Name}]";

    public override string? Check(BecValue v, string path)
    {
        var map = FieldTypes.AsDict(v);
        if (map is null) return Expected(path, Name, v);
        foreach (var (k, item) in map)
        {
            if (!k.TryGetKeyString(out var key)) return $"{path}: key {k.Describe(40)} is not a string";
            if (keys is not null && !keys.Values.Contains(key, StringComparer.Ordinal))
                return $"{path}: key '{key}' is not one of {string.Join(", ", keys.Values.Select(x => $"'{x}'"))}";
            if (value.Check(item, $"{path}['{key}']") is { } problem) return problem;
        }
        return null;
    }
}

/// <summary>A nested pydantic model (or message) given as its envelope or as the plain dict <c>model_dump()</c> leaves.</summary>
internal sealed class StructType(Func<StructSchema> schema) : FieldType
{
    public override string Name => schema().Name;

    public override string? Check(BecValue value, string path)
    {
        var s = schema();
        return value switch
        {
            BecStruct st when string.Equals(st.TypeName, s.Name, StringComparison.Ordinal) => s.Check(st.Fields, path),
            BecStruct st => $"{path}: expected {s.Name}, got {st.TypeName}",
            BecMap map => s.Check(map, path),
            _ => Expected(path, s.Name, value),
        };
    }
}

/// <summary>Any BEC message (the items of a BundleMessage); typed ones are validated against their own class.</summary>
internal sealed class AnyMessageType : FieldType
{
    public override string Name => "BECMessage";

    public override string? Check(BecValue value, string path) =>
        value is BecMessage m ? m.Schema.Check(m.Fields, $"{path}<{m.TypeName}>") : Expected(path, Name, value);
}

/// <summary>A Python Enum field: the Enum envelope of that class, or the bare member value.</summary>
internal sealed class EnumCodecType(string typeName, IReadOnlyList<BecValue> values) : FieldType
{
    public override string Name => typeName;

    public override string? Check(BecValue value, string path)
    {
        var v = value is EnumValue e && string.Equals(e.TypeName, typeName, StringComparison.Ordinal) ? e.Value : value;
        return values.Contains(v)
            ? null
            : $"{path}: {value.Describe(40)} is not a {typeName} (one of {string.Join(", ", values.Select(x => x.Describe(20)))})";
    }
}

/// <summary>A custom rule (e.g. a discriminated union) as a function returning the problem or null.</summary>
internal sealed class CustomType(string name, Func<BecValue, string, string?> check) : FieldType
{
    public override string Name { get; } = name;

    public override string? Check(BecValue value, string path) => check(value, path);
}
