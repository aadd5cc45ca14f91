using System.Text.Json.Nodes;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Reading;

/// <summary>Points read from a stream: numeric arrays (one per entry, shape (n, *point)) or JSON values, starting at <see cref="Index"/>.</summary>
public sealed class StreamData
{
    internal StreamData(long index, IReadOnlyList<NdArray> arrays, IReadOnlyList<JsonNode?> values)
    {
        Index = index;
        Arrays = arrays;
        Values = values;
        Count = arrays.Count > 0 ? arrays.Sum(a => a.Shape[0]) : values.Count;
    }

    public long Index { get; }

    public int Count { get; }

    /// <summary>Numeric chunks; a variable-shape stream can have chunks of different point shapes.</summary>
    public IReadOnlyList<NdArray> Arrays { get; }

    /// <summary>Decoded JSON values (JSON streams only).</summary>
    public IReadOnlyList<JsonNode?> Values { get; }

    /// <summary>All elements concatenated, in point order (fixed shapes, or one chunk).</summary>
    public T[] ToArray<T>() where T : unmanaged => Arrays.SelectMany(a => a.ToArray<T>()).ToArray();

    public double[] ToDoubles() => Arrays.SelectMany(a => a.ToDoubles()).ToArray();

    /// <summary>Every point as its own array.</summary>
    public IEnumerable<NdArray> Points() => Arrays.SelectMany(a => Enumerable.Range(0, a.Shape[0]).Select(a.Point));
}
