using System.Globalization;
using System.Text;
using StackExchange.Redis;
using Testbed.Blissdata;
using Testbed.Blissdata.Encoding;
using Testbed.Blissdata.Reading;
using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Targets;

/// <summary>A data-stream entry as Redis returns it (id and fields) into the blissdata reader: entry parsing, then the payload decoder of the stream's encoding.</summary>
/// <remarks>
/// An input is: one byte choosing the stream encoding (JSON, fixed and variable numeric shapes, both byte orders), then
/// 0x1E-separated fields: the entry id, then name and value pairs (<c>payload</c>, <c>len</c>, the seal's <c>id</c>).
/// An id Redis could not hand out (not <c>&lt;u64&gt;-&lt;u64&gt;</c>) is replaced by <c>0-1</c>. Bad input is a
/// <see cref="BlissdataException"/>. JSON payloads are also read as lima status events when they parse.
/// </remarks>
internal sealed class BlissdataEntryTarget : FuzzTarget
{
    private static readonly StreamEncoding[] Encodings =
    [
        StreamEncoding.Json,
        StreamEncoding.Numeric(DType.Float64),
        StreamEncoding.Numeric(DType.Int32, 3),
        StreamEncoding.Numeric(DType.UInt16, -1, 4),
        StreamEncoding.Numeric(DType.Bool, 2, 2),
        StreamEncoding.Numeric(DType.Complex128, -1),
        StreamEncoding.Numeric(DType.Float16),
        StreamEncoding.Numeric(DType.UInt64, -1, -1),
        StreamEncoding.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"type": "numeric", "dtype_str": ">f4", "shape": [2]}"""), "fuzz"),
        StreamEncoding.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"type": "numeric", "dtype_str": ">i8", "shape": [-1]}"""), "fuzz"),
    ];

    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        Entry(0, "0-1", "payload", """{"last_index": 4, "last_index_saved": 3}"""),
        Entry(0, "7-1", "payload", "[1, 2.5, \"x\", null, NaN, -Infinity]", "len", "1"),
        Entry(1, "0-1", "payload", Encoding.Latin1.GetString(BitConverter.GetBytes(1.5)), "len", "1"),
        Entry(2, "3-1", "payload", new string('A', 36), "len", "3"),
        Entry(4, "0-1", "payload", new string('B', 8), "len", "2"),
        Entry(0, Protocol.SealId, "id", "12"),
        Entry(6, "9-1", "payload", "ab", "len", "1"),
        Entry(8, "0-1", "payload", "abcdabcdABCDABCD", "len", "2"),
        Entry(1, "5-1", "payload", new string('\0', 80), "len", "10"),
        // msgpack [shape, bin] for variable shapes: [[2, 4], bin(16)] and [[1], bin(16)]
        [3, .. Encoding.ASCII.GetBytes("0-1"), Records.Separator, .. "payload"u8, Records.Separator, 0x92, 0x92, 0x02, 0x04, 0xC4, 0x10, .. new byte[16],
         Records.Separator, .. "len"u8, Records.Separator, .. "1"u8],
        [5, .. Encoding.ASCII.GetBytes("2-1"), Records.Separator, .. "payload"u8, Records.Separator, 0x92, 0x91, 0x01, 0xC4, 0x10, .. new byte[16]],
        [7, .. Encoding.ASCII.GetBytes("0-1"), Records.Separator, .. "payload"u8, Records.Separator, 0x92, 0x92, 0x01, 0x01, 0xC4, 0x08, .. new byte[8]],
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } =
    [
        [Records.Separator], [0x92], [0x91], [0x90], [0xC4], [0xC5, 0xFF, 0xFF], [0xDC, 0xFF, 0xFF], [0xCE, 0x7F, 0xFF, 0xFF, 0xFF], [0xD2, 0x80, 0, 0, 0],
        .. Bytes("payload", "len", "id", "-", "{", "}", "[", "]", "\"last_index\": ", "NaN", "Infinity", "1e999"),
    ];

    public override int MaxInputLength => 16 * 1024;

    public override void Run(byte[] input)
    {
        if (input.Length == 0) return;
        var encoding = Encodings[input[0] % Encodings.Length];
        var fields = Records.Split(input.AsSpan(1));
        var id = Encoding.Latin1.GetString(fields[0]);
        if (!IsRedisId(id)) id = "0-1";
        var values = new NameValueEntry[(fields.Count - 1) / 2];
        for (var i = 0; i < values.Length; i++) values[i] = new NameValueEntry(Encoding.Latin1.GetString(fields[1 + 2 * i]), fields[2 + 2 * i]);
        try
        {
            var entry = Testbed.Blissdata.Reading.StreamEntry.From(new StackExchange.Redis.StreamEntry(id, values), "esrf:stream:fuzz");
            EntryDecoder.Decode("fuzz", "esrf:stream:fuzz", encoding, [entry], entry.Index, entry.End);
            var data = EntryDecoder.Decode("fuzz", "esrf:stream:fuzz", encoding, [entry], entry.Index + 1, long.MaxValue);
            if (encoding.IsJson)
                foreach (var value in data.Values) Lima.Status(value, "fuzz");
            else data.ToDoubles();
        }
        catch (BlissdataException) { }
    }

    private static bool IsRedisId(string id)
    {
        var dash = id.IndexOf('-');
        return dash > 0 && ulong.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                        && ulong.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static byte[] Entry(int encoding, string id, params string[] fields) =>
        [(byte)encoding, .. Records.Join([Encoding.Latin1.GetBytes(id), .. fields.Select(Encoding.Latin1.GetBytes)])];
}
