using Testbed.Bec.Values;

namespace Testbed.Bec.Messages.Schema;

/// <summary>The declared fields of one BEC class (in declaration order, <c>metadata</c> first for messages) and its model validators.</summary>
internal sealed class StructSchema
{
    private readonly Dictionary<string, int> _positions;

    private StructSchema(string name, bool isMessage, bool isOpen, IReadOnlyList<FieldSpec> fields, IReadOnlyList<Func<BecMap, string?>> checks)
    {
        Name = name;
        IsMessage = isMessage;
        IsOpen = isOpen;
        Fields = fields;
        Checks = checks;
        _positions = fields.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Every BECMessage starts with <c>metadata: dict</c> (None is taken as {}).</summary>
    public static readonly FieldSpec Metadata = FieldSpec.WithDefault("metadata", FieldTypes.Nullable(FieldTypes.Dict), static () => new BecMap());

    public string Name { get; }

    public bool IsMessage { get; }

    /// <summary>A class this library does not declare: no fields known, nothing validated.</summary>
    public bool IsOpen { get; }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public IReadOnlyList<Func<BecMap, string?>> Checks { get; }

    public static StructSchema Message(string name, IReadOnlyList<FieldSpec> fields, params IReadOnlyList<Func<BecMap, string?>> checks) =>
        new(name, true, false, [Metadata, .. fields], checks);

    public static StructSchema Model(string name, IReadOnlyList<FieldSpec> fields, params IReadOnlyList<Func<BecMap, string?>> checks) =>
        new(name, false, false, fields, checks);

    public static StructSchema Open(string name, bool isMessage) => new(name, isMessage, true, [], []);

    /// <summary>Declared position of a field, or -1.</summary>
    public int PositionOf(string field) => _positions.TryGetValue(field, out var i) ? i : -1;

    public FieldSpec? Find(string field) => _positions.TryGetValue(field, out var i) ? Fields[i] : null;

    /// <summary>A field map with every defaulted field in declaration order (required ones are added when set).</summary>
    public BecMap NewFields()
    {
        var map = new BecMap(Fields.Count);
        foreach (var f in Fields)
            if (f.Default is not null) map.Add(f.Name, f.Default());
        return map;
    }

    /// <summary>The first refusal pydantic would give for these fields, as one line naming the path, or null.</summary>
    public string? Check(BecMap fields, string path)
    {
        foreach (var f in Fields)
        {
            if (fields.TryGetValue(f.Name, out var value))
            {
                if (f.Type.Check(value, $"{path}.{f.Name}") is { } problem) return problem;
            }
            else if (f.Default is null)
            {
                return $"{path}.{f.Name}: field required ({f.Type.Name})";
            }
        }
        foreach (var check in Checks)
            if (check(fields) is { } problem) return $"{path}: {problem}";
        return null;
    }

    /// <summary>Throws <see cref="BecValidationException"/> with the first refusal.</summary>
    public void Validate(BecMap fields, string path)
    {
        if (Check(fields, path) is { } problem) throw new BecValidationException(problem);
    }
}
