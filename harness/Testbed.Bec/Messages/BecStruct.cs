using Testbed.Bec.Codec;
using Testbed.Bec.Messages.Schema;
using Testbed.Bec.Values;

namespace Testbed.Bec.Messages;

/// <summary>A pydantic object on the wire: its field map in wire order, read and written through typed properties.</summary>
/// <remarks>
/// The map is the only state, so a decoded object re-encodes to its exact bytes (field order and fields this
/// library does not declare included). Setting a declared field that is absent inserts it at its declared
/// position, so objects built in C# dump their fields in BEC's order whatever order they are set in.
/// A struct held by a message travels as its own envelope; held by a model it is a plain map (pydantic's
/// <c>model_dump</c>), and the typed properties read both.
/// </remarks>
public abstract class BecStruct : BecCodecValue
{
    private protected BecStruct(StructSchema schema, BecMap? fields)
    {
        Schema = schema;
        Fields = fields ?? schema.NewFields();
    }

    internal StructSchema Schema { get; }

    /// <summary>The fields in wire order.</summary>
    public BecMap Fields { get; }

    public override string TypeName => Schema.Name;

    public override BecValue EnvelopeData => Fields;

    /// <summary>True when this library declares the class's fields (typed properties, validation).</summary>
    public bool IsTyped => !Schema.IsOpen;

    /// <summary>A field by its wire name; reading an absent field throws naming it.</summary>
    public BecValue this[string field]
    {
        get => Get(field);
        set => SetField(field, value);
    }

    /// <summary>The first refusal pydantic would give (one line naming the field), or null when valid.</summary>
    public string? ValidationError => Schema.Check(Fields, TypeName);

    /// <summary>Throws <see cref="BecValidationException"/> unless BEC would accept the object.</summary>
    public void Validate() => Schema.Validate(Fields, TypeName);

    private protected BecValue Get(string field) =>
        Fields.TryGetValue(field, out var v) ? v : throw new BecValidationException($"{TypeName}.{field} is not set");

    private protected void SetField(string field, BecValue? value)
    {
        value ??= Nil;
        var p = Schema.PositionOf(field);
        if (p < 0 || Fields.ContainsKey(field))
        {
            Fields.Set(field, value);
            return;
        }
        var entries = Fields.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Key.TryGetKeyString(out var key) && Schema.PositionOf(key) > p)
            {
                Fields.Insert(i, field, value);
                return;
            }
        }
        Fields.Set(field, value);
    }

    private protected T Read<T>(string field, Func<BecValue, T> read)
    {
        var v = Get(field);
        try
        {
            return read(v);
        }
        catch (BecValueException e)
        {
            throw new BecValueException($"{TypeName}.{field}: {e.Message}");
        }
    }

    private protected T? ReadOrNull<T>(string field, Func<BecValue, T> read) where T : class =>
        Fields.GetOrNull(field) is null or BecNil ? null : Read(field, read);

    private protected T? ReadValueOrNull<T>(string field, Func<BecValue, T> read) where T : struct =>
        Fields.GetOrNull(field) is null or BecNil ? null : Read(field, read);

    private protected string GetStr(string field) => Read(field, v => v.AsString());

    private protected string? GetStrOrNull(string field) => ReadOrNull(field, v => v.AsString());

    private protected long GetInt(string field) => Read(field, v => v.AsInt64());

    private protected long? GetIntOrNull(string field) => ReadValueOrNull(field, v => v.AsInt64());

    private protected double GetFloat(string field) => Read(field, v => v.AsDouble());

    private protected double? GetFloatOrNull(string field) => ReadValueOrNull(field, v => v.AsDouble());

    private protected bool GetBool(string field) => Read(field, v => v.AsBool());

    private protected bool? GetBoolOrNull(string field) => ReadValueOrNull(field, v => v.AsBool());

    /// <summary>A dict field (a BaseModel envelope counts as its dict).</summary>
    private protected BecMap GetMap(string field) => Read(field, v => FieldTypes.AsDict(v) ?? v.AsMap());

    private protected BecMap? GetMapOrNull(string field) => ReadOrNull(field, v => FieldTypes.AsDict(v) ?? v.AsMap());

    private protected BecList GetList(string field) => Read(field, v => v.AsList());

    private protected BecList? GetListOrNull(string field) => ReadOrNull(field, v => v.AsList());

    private protected T GetEnum<T>(string field) where T : struct, Enum => WireEnum<T>.Parse(GetStr(field), $"{TypeName}.{field}");

    private protected T? GetEnumOrNull<T>(string field) where T : struct, Enum =>
        GetStrOrNull(field) is { } s ? WireEnum<T>.Parse(s, $"{TypeName}.{field}") : null;

    private protected void SetEnum<T>(string field, T value) where T : struct, Enum => SetField(field, WireEnum<T>.ToWire(value));

    private protected void SetEnum<T>(string field, T? value) where T : struct, Enum =>
        SetField(field, value is { } v ? WireEnum<T>.ToWire(v) : Nil);

    private protected void SetStrings(string field, IEnumerable<string>? values) =>
        SetField(field, values is null ? Nil : new BecList(values.Select(s => (BecValue)s)));

    /// <summary>How a struct is stored in this object: its envelope inside a message, its plain map inside a model.</summary>
    private protected BecValue Nest(BecStruct? value) => value is null ? Nil : Schema.IsMessage ? value : value.Fields;

    private protected void SetStruct(string field, BecStruct? value) => SetField(field, Nest(value));

    private protected void SetStructs(string field, IEnumerable<BecStruct>? values) =>
        SetField(field, values is null ? Nil : new BecList(values.Select(Nest)));

    /// <summary>A struct field as <typeparamref name="T"/>: the object itself if it already is one, else a view over its map.</summary>
    private protected T? GetStructOrNull<T>(string field, Func<BecMap, T> view) where T : BecStruct =>
        ReadOrNull(field, v => AsStruct(v, view));

    private protected T GetStruct<T>(string field, Func<BecMap, T> view) where T : BecStruct => Read(field, v => AsStruct(v, view));

    private protected IReadOnlyList<T> GetStructs<T>(string field, Func<BecMap, T> view) where T : BecStruct =>
        Read(field, v => (IReadOnlyList<T>)[.. v.AsList().Select(item => AsStruct(item, view))]);

    internal static T AsStruct<T>(BecValue v, Func<BecMap, T> view) where T : BecStruct => v switch
    {
        T typed => typed,
        BecStruct other => view(other.Fields),
        BecMap map => view(map),
        _ => throw new BecValueException($"expected {typeof(T).Name}, got {v.Describe(60)}"),
    };
}
