using System.Text;
using Testbed.Blissdata;
using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Reading;
using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Targets;

/// <summary>A scan document as read from <c>esrf:scan:&lt;pk&gt;</c> (§4) into the blissdata reader: parsing, then what a reader derives per stream.</summary>
/// <remarks>
/// After <see cref="ScanDocument.Parse"/>: each stream's plugin and its problem, dtype name and point shape, and for
/// lima streams the file reference of a few frames. Bad input is a <see cref="BlissdataException"/>. Checked: a
/// document that parsed serializes (as Python's json.dumps would) to text that parses again.
/// </remarks>
internal sealed class ScanDocumentTarget : FuzzTarget
{
    private const string Key = "esrf:scan:fuzz";

    public override IReadOnlyList<byte[]> Corpus { get; } =
    [
        Resource("Corpus.scan-document.json"),
        .. Bytes(
            """{"pk": "A", "id": {"name": "ct", "number": 1.0, "data_policy": "no_policy", "path": null}, "info": {}, "state_stream": {"pk": "S"}, "data_streams": {}}""",
            """{"pk": "A", "id": {"name": "a", "number": 3, "data_policy": "ESRF"}, "info": {"save": true}, "state_stream": {"pk": "S"}, "data_streams": {"x": {"pk": "X", "encoding": {"type": "numeric", "dtype_str": "<f8", "shape": []}, "info": {"data_path": "1.1/x"}}}}""",
            """{"pk": "A", "id": {"name": "a", "number": 3, "data_policy": "ESRF"}, "info": {}, "state_stream": {"pk": "S"}, "data_streams": {"l": {"pk": "L", "encoding": {"type": "numeric", "dtype_str": "<u4", "shape": []}, "info": {"plugin": "lima2", "protocol_version": 2}}}}""",
            """{"pk": "A", "id": {"name": "s", "number": 4, "data_policy": "ESRF"}, "info": {}, "state_stream": {"pk": "S"}, "data_streams": {"sub": {"pk": "Q", "encoding": {"type": "json"}, "info": {"format": "subscan"}}, "i": {"pk": "I", "encoding": {"type": "numeric", "dtype_str": ">i2", "shape": [-1, 3]}, "info": {"shape": [-1, 3], "dtype": "int16"}}}}""",
            """{"pk": "A", "id": {"name": "d", "number": 5, "data_policy": "ESRF"}, "info": {}, "state_stream": {"pk": "S"}, "data_streams": {"d": {"pk": "D", "encoding": {"type": "json"}, "info": {"format": "lima_v1", "lima_info": {"protocol_version": 1, "file_path": "/d/f_%d.h5", "frame_per_file": 0, "file_offset": 1}}}}}"""),
    ];

    public override IReadOnlyList<byte[]> Tokens { get; } = Bytes(
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "-1", "1e400", "NaN", "\"pk\": ", "\"info\": ", "\"encoding\": ", "\"shape\": ",
        "\"dtype_str\": ", "\"<f8\"", "\">c16\"", "\"lima_info\": ", "\"file_path\": ", "\"%05d\"", "\"%d\"", "\"plugin\": ", "\"lima\"", "\\u0000");

    public override int MaxInputLength => 32 * 1024;

    public override void Run(byte[] input)
    {
        try
        {
            var doc = ScanDocument.Parse(Encoding.UTF8.GetString(input), Key);
            var saves = doc.Info["save"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var b) && b;
            foreach (var (name, model) in doc.Streams)
            {
                var (plugin, problem) = Scan.Plugin(model, saves);
                _ = model.DTypeName;
                _ = model.PointShape;
                if (plugin == "lima" && problem is null)
                    foreach (var frame in (long[])[0, 1, 7, 1234567])
                        Lima.Reference(model.Info, name, frame);
            }
            // What a publisher writes: NaN and ±Infinity (from numbers too large for a double) sanitized to null (§5.2).
            var text = Testbed.Blissdata.Encoding.PythonJson.Dumps(Testbed.Blissdata.Encoding.PythonJson.Sanitize(doc.ToJson()));
            try { ScanDocument.Parse(text, Key); }
            catch (BlissdataException e) { throw new FuzzInvariantException($"a parsed document serialized to text that does not parse: {e.Message}"); }
        }
        catch (BlissdataException) { }
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(ScanDocumentTarget).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
