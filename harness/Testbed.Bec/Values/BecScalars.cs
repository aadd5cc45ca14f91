namespace Testbed.Bec.Values;

/// <summary>msgpack nil (Python None).</summary>
public sealed class BecNil : BecValue
{
    public static readonly BecNil Instance = new();

    private BecNil()
    {
    }

    public override string Kind => "nil";

    public override bool Equals(BecValue? other) => other is BecNil;

    public override int GetHashCode() => 0x6e696c;
}

/// <summary>msgpack bool.</summary>
public sealed class BecBool : BecValue
{
    public static readonly BecBool True = new(true);
    public static readonly BecBool False = new(false);

    private BecBool(bool value) => Value = value;

    public bool Value { get; }

    public override string Kind => "bool";

    public override bool AsBool() => Value;

    public override bool Equals(BecValue? other) => other is BecBool b && b.Value == Value;

    public override int GetHashCode() => Value ? 1 : 2;
}

/// <summary>A msgpack integer, -2^63 … 2^64-1. Written with the smallest width, as Python's msgpack does.</summary>
public sealed class BecInt : BecValue
{
    private readonly long _signed;
    private readonly ulong _unsigned;

    public BecInt(long value)
    {
        _signed = value;
        _unsigned = unchecked((ulong)value);
        IsBeyondInt64 = false;
    }

    public BecInt(ulong value)
    {
        _unsigned = value;
        _signed = unchecked((long)value);
        IsBeyondInt64 = value > long.MaxValue;
    }

    /// <summary>True for an unsigned value above <see cref="long.MaxValue"/>; read it with <see cref="UInt64Value"/>.</summary>
    public bool IsBeyondInt64 { get; }

    public long Value => IsBeyondInt64
        ? throw new BecValueException($"integer {_unsigned} does not fit a signed 64-bit value; read UInt64Value")
        : _signed;

    public ulong UInt64Value => IsBeyondInt64 || _signed >= 0
        ? _unsigned
        : throw new BecValueException($"integer {_signed} is negative; read Value");

    public override string Kind => "int";

    public override long AsInt64() => Value;

    public override double AsDouble() => IsBeyondInt64 ? _unsigned : _signed;

    public override bool Equals(BecValue? other) =>
        other is BecInt i && i.IsBeyondInt64 == IsBeyondInt64 && i._unsigned == _unsigned;

    public override int GetHashCode() => HashCode.Combine(_unsigned, IsBeyondInt64);

    internal string Text => IsBeyondInt64 ? _unsigned.ToString(System.Globalization.CultureInfo.InvariantCulture) : _signed.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A msgpack float: float64 as Python writes every float; float32 only when read from another producer.</summary>
public sealed class BecFloat(double value, bool isFloat32 = false) : BecValue
{
    public double Value { get; } = value;

    /// <summary>True when it was read as (and is written back as) a 32-bit float.</summary>
    public bool IsFloat32 { get; } = isFloat32;

    public override string Kind => "float";

    public override double AsDouble() => Value;

    // Bit equality: NaN equals NaN and 0.0 differs from -0.0, as their bytes do.
    public override bool Equals(BecValue? other) =>
        other is BecFloat f && f.IsFloat32 == IsFloat32 && BitConverter.DoubleToInt64Bits(f.Value) == BitConverter.DoubleToInt64Bits(Value);

    public override int GetHashCode() => HashCode.Combine(BitConverter.DoubleToInt64Bits(Value), IsFloat32);
}

/// <summary>A msgpack str (UTF-8).</summary>
public sealed class BecStr(string value) : BecValue
{
    public string Value { get; } = value;

    public override string Kind => "str";

    public override string AsString() => Value;

    public override bool TryGetKeyString(out string key)
    {
        key = Value;
        return true;
    }

    public override bool Equals(BecValue? other) => other is BecStr s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}

/// <summary>msgpack bin (Python bytes).</summary>
public sealed class BecBin(ReadOnlyMemory<byte> value) : BecValue
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public override string Kind => "bin";

    public override ReadOnlyMemory<byte> AsBytes() => Value;

    public override bool Equals(BecValue? other) => other is BecBin b && b.Value.Span.SequenceEqual(Value.Span);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Value.Span);
        return h.ToHashCode();
    }
}

/// <summary>A msgpack ext value (not written by BEC 3.165; kept so foreign payloads round-trip).</summary>
public sealed class BecExt(sbyte typeCode, ReadOnlyMemory<byte> data) : BecValue
{
    public sbyte TypeCode { get; } = typeCode;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public override string Kind => "ext";

    public override bool Equals(BecValue? other) => other is BecExt e && e.TypeCode == TypeCode && e.Data.Span.SequenceEqual(Data.Span);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(TypeCode);
        h.AddBytes(Data.Span);
        return h.ToHashCode();
    }
}
