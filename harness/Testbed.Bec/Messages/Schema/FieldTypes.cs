using Testbed.Bec.Codec;
using Testbed.Bec.Values;

namespace Testbed.Bec.Messages.Schema;

/// <summary>The field types BEC's messages use, named after their Python annotations.</summary>
internal static class FieldTypes
{
    public static readonly FieldType Any = new SimpleType("Any", _ => true);
    public static readonly FieldType Str = new SimpleType("str", v => v is BecStr);
    public static readonly FieldType Int = new SimpleType("int", v => v is BecInt);
    public static readonly FieldType Float = new SimpleType("float", v => v is BecFloat or BecInt);
    public static readonly FieldType Bool = new SimpleType("bool", v => v is BecBool);
    public static readonly FieldType Dict = new SimpleType("dict", v => AsDict(v) is not null);
    public static readonly FieldType List = new SimpleType("list", v => v is BecList);
    public static readonly FieldType NdArrayType = new SimpleType("np.ndarray", v => v is NdArray);
    public static readonly FieldType AnyMessage = new AnyMessageType();
    public static readonly FieldType StrList = ListOf(Str);

    /// <summary><c>str | list[str] | None</c>, the device field of instructions.</summary>
    public static readonly FieldType DeviceNameOrNames = Nullable(Union(Str, StrList));

    public static FieldType Nullable(FieldType t) => new UnionType([t, NoneType.Instance]);

    public static FieldType Union(params FieldType[] alternatives) => new UnionType(alternatives);

    public static LiteralType Literal(params IReadOnlyList<string> values) => new(values);

    public static FieldType ListOf(FieldType item) => new ListOfType(item);

    public static FieldType DictOf(FieldType value, LiteralType? keys = null) => new DictOfType(value, keys);

    /// <summary>A nested model or message; the schema is looked up lazily so classes may refer to each other.</summary>
    public static FieldType Struct(Func<StructSchema> schema) => new StructType(schema);

    public static FieldType EnumCodec(string typeName, params IReadOnlyList<BecValue> values) => new EnumCodecType(typeName, values);

    public static FieldType Custom(string name, Func<BecValue, string, string?> check) => new CustomType(name, check);

    /// <summary>The dict Python sees: a map, or a BaseModel envelope (which decodes to its dict).</summary>
    public static BecMap? AsDict(BecValue v) => v switch
    {
        BecMap m => m,
        BecModel model => model.Fields,
        _ => null,
    };
}

/// <summary>One declared field: name, type and default (none: required).</summary>
internal sealed record FieldSpec(string Name, FieldType Type, Func<BecValue>? Default)
{
    /// <summary><c>name: type</c> without default.</summary>
    public static FieldSpec Required(string name, FieldType type) => new(name, type, null);

    /// <summary><c>name: type | None = None</c>.</summary>
    public static FieldSpec Optional(string name, FieldType type) => new(name, FieldTypes.Nullable(type), static () => BecValue.Nil);

    /// <summary><c>name: type = default</c> (a factory, as defaults may be mutable maps or lists).</summary>
    public static FieldSpec WithDefault(string name, FieldType type, Func<BecValue> value) => new(name, type, value);
}
