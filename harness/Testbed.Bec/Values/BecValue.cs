using System.Collections;

namespace Testbed.Bec.Values;

/// <summary>One msgpack value as BEC puts it on the wire; after decoding, <c>__bec_codec__</c> envelopes are <see cref="Codec.BecCodecValue"/> nodes.</summary>
/// <remarks>
/// Equality is structural and kind-sensitive (1, 1.0 and true differ; map order counts), so two values are
/// equal exactly when they encode to the same bytes. Implicit conversions from C# primitives keep building
/// messages short: <c>new BecMap { ["value"] = 0.5 }</c>.
/// </remarks>
public abstract class BecValue : IEquatable<BecValue>
{
    private protected BecValue()
    {
    }

    /// <summary>msgpack nil (Python None).</summary>
    public static BecNil Nil => BecNil.Instance;

    /// <summary>Short name of the kind for error messages: nil, bool, int, float, str, bin, list, map, ext, or the codec's name.</summary>
    public abstract string Kind { get; }

    public bool IsNil => this is BecNil;

    public virtual string AsString() => throw Mismatch("str");

    public virtual long AsInt64() => throw Mismatch("int");

    /// <summary>The number as a double; ints are accepted, as pydantic accepts an int for a float field.</summary>
    public virtual double AsDouble() => throw Mismatch("float");

    public virtual bool AsBool() => throw Mismatch("bool");

    public virtual BecMap AsMap() => throw Mismatch("map");

    public virtual BecList AsList() => throw Mismatch("list");

    public virtual ReadOnlyMemory<byte> AsBytes() => throw Mismatch("bin");

    /// <summary>The string a map key stands for in Python once decoded (a str, or a device object's name).</summary>
    public virtual bool TryGetKeyString(out string key)
    {
        key = "";
        return false;
    }

    public abstract bool Equals(BecValue? other);

    public override bool Equals(object? obj) => obj is BecValue v && Equals(v);

    public abstract override int GetHashCode();

    /// <summary>A compact Python-like rendering, cut after <paramref name="max"/> characters.</summary>
    public string Describe(int max = 120) => BecFormatter.Format(this, max);

    public override string ToString() => BecFormatter.Format(this, int.MaxValue);

    private protected BecValueException Mismatch(string expected) => new($"expected {expected}, got {Describe(60)}");

    public static implicit operator BecValue(string? value) => value is null ? Nil : new BecStr(value);

    public static implicit operator BecValue(bool value) => value ? BecBool.True : BecBool.False;

    public static implicit operator BecValue(int value) => new BecInt(value);

    public static implicit operator BecValue(long value) => new BecInt(value);

    public static implicit operator BecValue(double value) => new BecFloat(value);

    public static implicit operator BecValue(byte[] value) => new BecBin(value);

    public static implicit operator BecValue(string[] values) => new BecList(values.Select(v => (BecValue)v));

    public static implicit operator BecValue(double[] values) => new BecList(values.Select(v => (BecValue)v));

    public static implicit operator BecValue(long[] values) => new BecList(values.Select(v => (BecValue)v));

    /// <summary>
    /// Converts a plain .NET value: null, string, bool, integers, double/float, byte[], a <see cref="BecValue"/>,
    /// dictionaries with string keys (order kept) and other sequences (as lists).
    /// </summary>
    public static BecValue From(object? value) => value switch
    {
        null => Nil,
        BecValue v => v,
        string s => new BecStr(s),
        bool b => b,
        int i => new BecInt(i),
        long l => new BecInt(l),
        uint u => new BecInt(u),
        ulong u => new BecInt(u),
        short s => new BecInt(s),
        ushort s => new BecInt(s),
        byte b => new BecInt(b),
        sbyte b => new BecInt(b),
        double d => new BecFloat(d),
        float f => new BecFloat(f),
        byte[] bytes => new BecBin(bytes),
        IEnumerable<KeyValuePair<string, object?>> pairs => new BecMap(pairs.Select(p => new KeyValuePair<BecValue, BecValue>(p.Key, From(p.Value)))),
        IDictionary dict => FromDictionary(dict),
        IEnumerable items => new BecList(items.Cast<object?>().Select(From)),
        _ => throw new BecValueException($"cannot convert a {value.GetType().Name} to a msgpack value; use string, bool, a number, byte[], a list or a dictionary"),
    };

    private static BecMap FromDictionary(IDictionary dict)
    {
        var map = new BecMap();
        foreach (DictionaryEntry e in dict) map.Add(From(e.Key), From(e.Value));
        return map;
    }
}
