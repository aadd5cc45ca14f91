using Testbed.Bec.Values;

namespace Testbed.Bec.Codec;

/// <summary>A value BEC wraps as <c>{"__bec_codec__": {"encoder_name", "type_name", "data"}}</c>; written back as exactly that envelope.</summary>
public abstract class BecCodecValue : BecValue
{
    private protected BecCodecValue()
    {
    }

    /// <summary>The registered codec: BECMessage, BaseModel, Enum, DeviceBase, set, ndarray, number, …</summary>
    public abstract string EncoderName { get; }

    /// <summary>The concrete Python class name, e.g. DeviceMessage, ServiceInfo, BECStatus, Positioner, uint32.</summary>
    public abstract string TypeName { get; }

    /// <summary>The envelope's <c>data</c> as it goes on the wire.</summary>
    public abstract BecValue EnvelopeData { get; }

    public override string Kind => EncoderName;

    /// <summary>A short rendering instead of TypeName(data), or null.</summary>
    internal virtual string? FormatHead() => null;

    public override bool Equals(BecValue? other) =>
        other is BecCodecValue c
        && string.Equals(c.EncoderName, EncoderName, StringComparison.Ordinal)
        && string.Equals(c.TypeName, TypeName, StringComparison.Ordinal)
        && c.EnvelopeData.Equals(EnvelopeData);

    public override int GetHashCode() => HashCode.Combine(EncoderName, TypeName, EnvelopeData);
}

/// <summary>An envelope whose encoder this library does not interpret (or whose data has an unexpected shape); passed through unchanged, as BEC does.</summary>
public sealed class RawCodecValue(string encoderName, string typeName, BecValue data) : BecCodecValue
{
    public override string EncoderName { get; } = encoderName;

    public override string TypeName { get; } = typeName;

    public override BecValue EnvelopeData { get; } = data;
}

/// <summary>A Python Enum member (encoder <c>Enum</c>): BEC sends only BECStatus this way; string enums travel as plain str.</summary>
public sealed class EnumValue(string typeName, BecValue value) : BecCodecValue
{
    public override string EncoderName => "Enum";

    public override string TypeName { get; } = typeName;

    /// <summary>The member's value (BECStatus: an int).</summary>
    public BecValue Value { get; } = value;

    public override BecValue EnvelopeData => Value;

    internal override string? FormatHead() => $"{TypeName}({Value.Describe(40)})";
}

/// <summary>A client-side device object (encoder <c>DeviceBase</c>); Python decodes it to its name. It appears as a map key in scan requests.</summary>
public sealed class DeviceRef(string typeName, string name) : BecCodecValue
{
    public override string EncoderName => "DeviceBase";

    /// <summary>The proxy class, e.g. Positioner.</summary>
    public override string TypeName { get; } = typeName;

    /// <summary>The device name (dotted for sub-devices).</summary>
    public string Name { get; } = name;

    public override BecValue EnvelopeData => new BecStr(Name);

    public override string AsString() => Name;

    public override bool TryGetKeyString(out string key)
    {
        key = Name;
        return true;
    }

    internal override string? FormatHead() => $"<{TypeName} {Name}>";
}

/// <summary>A Python set (encoder <c>set</c>), sent as a list.</summary>
public sealed class SetValue(BecList items) : BecCodecValue
{
    public override string EncoderName => "set";

    public override string TypeName => "set";

    public BecList Items { get; } = items;

    public override BecValue EnvelopeData => Items;
}
