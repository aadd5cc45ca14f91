using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Reading;

/// <summary>Turns raw entries into <see cref="StreamData"/>, cutting them to the requested point range.</summary>
internal static class EntryDecoder
{
    public static StreamData Decode(ScanStream stream, IEnumerable<StreamEntry> entries, long from, long to) =>
        Decode(stream.Name, stream.Key, stream.Encoding, entries, from, to);

    /// <summary>The same for a stream known only by name, key and encoding (what the scan document says of it).</summary>
    public static StreamData Decode(string name, string key, StreamEncoding encoding, IEnumerable<StreamEntry> entries, long from, long to)
    {
        var arrays = new List<NdArray>();
        var values = new List<JsonNode?>();
        foreach (var e in entries)
        {
            if (e.IsSeal) continue;
            var lo = Math.Max(from, e.Index);
            var hi = Math.Min(to, e.End);
            if (hi <= lo) continue;
            var where = $"stream '{name}' ({key}) entry {e.Index}-1";
            if (encoding.IsJson)
            {
                JsonNode? value;
                try { value = JsonNode.Parse(e.Payload.Span, documentOptions: JsonFields.Strict); }
                catch (JsonException)
                {
                    // Python may write the non-standard NaN/Infinity tokens; they read as null.
                    try { value = JsonNode.Parse(WithoutNamedNumbers(System.Text.Encoding.UTF8.GetString(e.Payload.Span)), documentOptions: JsonFields.Strict); }
                    catch (JsonException x) { throw new EncodingException($"{where}: payload is not JSON ({x.Message})"); }
                }
                values.Add(value);
            }
            else
            {
                var a = NumericCodec.Decode(encoding, e.Payload, e.Len, where);
                arrays.Add(a.Slice((int)(lo - e.Index), (int)(hi - lo)));
            }
        }
        return new StreamData(from, arrays, values);
    }

    private static string WithoutNamedNumbers(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') { inString = true; sb.Append(c); continue; }
            var rest = json.AsSpan(i);
            var skip = rest.StartsWith("-Infinity") ? 9 : rest.StartsWith("Infinity") ? 8 : rest.StartsWith("NaN") ? 3 : 0;
            if (skip > 0) { sb.Append("null"); i += skip - 1; }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
