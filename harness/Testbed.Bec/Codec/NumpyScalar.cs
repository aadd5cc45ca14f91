using System.Runtime.InteropServices;

using Testbed.Bec.Values;

namespace Testbed.Bec.Codec;

/// <summary>A numpy scalar that is not a Python int/float subclass (np.uint32, np.int64, …): encoder <c>number</c>, bin-key map nd/type/data.</summary>
/// <remarks>np.float64 is a Python float and travels as a plain float64. numpy 2 names its boolean class "bool", so a
/// numpy bool's encoder name depends on the producer's numpy version; it is read by content, not by name.</remarks>
public sealed class NumpyScalar : BecCodecValue
{
    private NumpyScalar(string encoderName, string typeName, string dtype, ReadOnlyMemory<byte> bytes)
    {
        EncoderName = encoderName;
        TypeName = typeName;
        DType = dtype;
        Bytes = bytes;
    }

    public override string EncoderName { get; }

    /// <summary>numpy's class name, e.g. uint32.</summary>
    public override string TypeName { get; }

    /// <summary>numpy type string, e.g. <c>&lt;u4</c>.</summary>
    public string DType { get; }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The scalar numpy would send for <paramref name="value"/> (e.g. a SimMonitor's uint32 reading).</summary>
    public static NumpyScalar From<T>(T value) where T : unmanaged
    {
        var name = NumpyDType.ScalarNameOf<T>();
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ToArray();
        return new NumpyScalar(name == "bool" ? "bool" : "number", name, NumpyDType.Of<T>(), bytes);
    }

    /// <summary>The value as <typeparamref name="T"/>, which must be the scalar's own dtype.</summary>
    public T ToValue<T>() where T : unmanaged
    {
        NumpyDType.Require<T>(DType);
        return MemoryMarshal.Read<T>(Bytes.Span);
    }

    public double ToDouble() => NumpyDType.ToDoubles(DType, Bytes.Span)[0];

    public override BecValue EnvelopeData => new BecMap(3)
    {
        { new BecBin("nd"u8.ToArray()), BecBool.False },
        { new BecBin("type"u8.ToArray()), new BecStr(DType) },
        { new BecBin("data"u8.ToArray()), new BecBin(Bytes) },
    };

    internal override string? FormatHead() => $"{TypeName}({FormatValue()})";

    private string FormatValue()
    {
        try
        {
            return BecFormatter.FormatDouble(ToDouble());
        }
        catch (BecValueException)
        {
            return DType;
        }
    }

    internal static NumpyScalar? TryLift(string encoderName, string typeName, BecMap data)
    {
        if (data.Count != 3
            || !NdArray.IsBinKey(data, 0, "nd", out var nd) || !nd.Equals(BecBool.False)
            || !NdArray.IsBinKey(data, 1, "type", out var type) || type is not BecStr dtype
            || !NdArray.IsBinKey(data, 2, "data", out var raw) || raw is not BecBin bytes)
            return null;
        try
        {
            if (NumpyDType.ItemSize(dtype.Value) != bytes.Value.Length) return null;
        }
        catch (BecValueException)
        {
            return null;
        }
        return new NumpyScalar(encoderName, typeName, dtype.Value, bytes.Value);
    }
}
