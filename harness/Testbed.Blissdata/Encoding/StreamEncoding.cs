using System.Text.Json.Nodes;

namespace Testbed.Blissdata.Encoding;

/// <summary>The <c>encoding</c> object of a stream model (§6.3, §6.4): numeric with dtype and point shape, or JSON.</summary>
public sealed record StreamEncoding
{
    private StreamEncoding(DType? dtype, int[] shape, bool bigEndian)
    {
        DType = dtype;
        Shape = shape;
        BigEndian = bigEndian;
    }

    /// <summary>Null for JSON streams.</summary>
    public DType? DType { get; }

    /// <summary>Shape of one point; −1 marks a variable dimension.</summary>
    public int[] Shape { get; }

    /// <summary>Only streams written by others can be big-endian; we always write little-endian.</summary>
    public bool BigEndian { get; }

    public bool IsJson => DType is null;

    public bool IsVariableShape => Shape.Any(d => d < 0);

    /// <summary>Numpy's <c>dtype.str</c> for the stream.</summary>
    public string? DTypeStr => DType is null ? null : BigEndian ? ">" + DType.Str[1..] : DType.Str;

    public static StreamEncoding Json { get; } = new(null, [], false);

    public static StreamEncoding Numeric(DType dtype, params int[] shape)
    {
        foreach (var d in shape)
            if (d < -1 || d == 0)
                throw new EncodingException($"shape ({string.Join(", ", shape)}): each dimension must be a positive size or -1 (variable)");
        return new StreamEncoding(dtype, shape, false);
    }

    public JsonObject ToJson() => IsJson
        ? new JsonObject { ["type"] = "json" }
        : new JsonObject
        {
            ["type"] = "numeric",
            ["dtype_str"] = DTypeStr,
            ["shape"] = new JsonArray(Shape.Select(d => (JsonNode)d).ToArray()),
        };

    /// <summary>Reads an <c>encoding</c> object; any type other than numeric/json is refused (§6.4).</summary>
    public static StreamEncoding Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject o) throw new ScanValidationException($"{where}: encoding must be an object");
        var type = JsonFields.String(o["type"], $"{where}: encoding type");
        switch (type)
        {
            case "json":
                return Json;
            case "numeric":
                var str = JsonFields.String(o["dtype_str"], $"{where}: dtype_str") ?? throw new ScanValidationException($"{where}: numeric encoding without dtype_str");
                var (dtype, big) = Encoding.DType.FromStr(str);
                var shape = (o["shape"] as JsonArray)?.Select(n => JsonFields.IntOrNull(n) is (>= -1 and not 0) and int d ? d
                                : throw new ScanValidationException($"{where}: each shape dimension must be a positive size or -1, not {n?.ToJsonString() ?? "null"}")).ToArray()
                            ?? throw new ScanValidationException($"{where}: numeric encoding without shape list");
                return new StreamEncoding(dtype, shape, big);
            default:
                throw new ScanValidationException($"{where}: unknown encoding type '{type}' (only numeric and json exist)");
        }
    }

    public bool Equals(StreamEncoding? other) =>
        other is not null && DType == other.DType && BigEndian == other.BigEndian && Shape.SequenceEqual(other.Shape);

    public override int GetHashCode() => HashCode.Combine(DType, BigEndian, Shape.Length);
}
