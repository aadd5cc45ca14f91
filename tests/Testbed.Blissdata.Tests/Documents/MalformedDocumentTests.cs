using Testbed.Blissdata.Documents;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Tests.Documents;

/// <summary>Scan documents found by fuzzing (testbed fuzz blissdata-documents): a <see cref="ScanValidationException"/>, never a duplicate-key or cast exception.</summary>
public class MalformedDocumentTests
{
    private const string Id = """{"name": "a", "number": 1, "data_policy": "ESRF"}""";

    private static string Doc(string streams = "{}", string pk = "\"A\"", string id = Id) =>
        $$"""{"pk": {{pk}}, "id": {{id}}, "info": {}, "state_stream": {"pk": "S"}, "data_streams": {{streams}}}""";

    private static string Stream(string encoding, string info = "{}") => "{\"x\": {\"pk\": \"X\", \"encoding\": " + encoding + ", \"info\": " + info + "}}";

    [TestCase("""{"pk": "A", "pk": "B", "id": {}}""")] // JsonObject threw ArgumentException on first access
    [TestCase("""{"pk": "A", "id": {"name": "a", "name": "b", "number": 1, "data_policy": "ESRF"}, "info": {}, "state_stream": {"pk": "S"}}""")]
    public void Duplicate_keys_are_not_json_for_the_reader(string json)
    {
        var e = Assert.Throws<ScanValidationException>(() => ScanDocument.Parse(json, "esrf:scan:k"));
        Assert.That(e!.Message, Does.StartWith("esrf:scan:k: the scan document is not JSON").And.Contain("Duplicate property"));
    }

    [TestCase("7", "pk must be a string")]
    [TestCase("[\"A\"]", "pk must be a string")]
    public void Scan_pk_of_the_wrong_type(string pk, string problem) =>
        Assert.That(() => ScanDocument.Parse(Doc(pk: pk), "esrf:scan:k"), Throws.TypeOf<ScanValidationException>().With.Message.Contains(problem));

    [TestCase("""{"type": 1}""", "encoding type must be a string")]
    [TestCase("""{"type": "numeric", "dtype_str": 8, "shape": []}""", "dtype_str must be a string")]
    [TestCase("""{"type": "numeric", "dtype_str": "<f8", "shape": [2.5]}""", "positive size or -1, not 2.5")]
    [TestCase("""{"type": "numeric", "dtype_str": "<f8", "shape": [null]}""", "positive size or -1, not null")]
    [TestCase("""{"type": "numeric", "dtype_str": "<f8", "shape": [0]}""", "positive size or -1, not 0")]
    public void Stream_encoding_of_the_wrong_shape(string encoding, string problem) =>
        Assert.That(() => ScanDocument.Parse(Doc(Stream(encoding)), "esrf:scan:k"),
            Throws.TypeOf<ScanValidationException>().With.Message.Contains("data_streams['x']").And.Message.Contains(problem));

    [Test]
    public void Display_fields_of_the_wrong_type_fall_back_to_the_encoding()
    {
        var doc = ScanDocument.Parse(Doc(Stream("""{"type": "numeric", "dtype_str": "<i4", "shape": [3]}""", """{"dtype": 4, "shape": [1.5], "format": 1}""")), "k");
        var model = doc.Streams["x"];
        Assert.That(model.DTypeName, Is.EqualTo("int32"));
        Assert.That(model.PointShape, Is.EqualTo(new[] { 3 }));
        Assert.That(model.ResolvePlugin(false), Is.Null);
    }

    [TestCase("""{"format": "lima_v1", "lima_info": {"protocol_version": 1.5}}""", "lima", "lima_info.protocol_version must be 1")]
    [TestCase("""{"plugin": "lima2", "protocol_version": "2"}""", "lima2", "lima2 streams need info.protocol_version = 2")]
    public void Plugin_version_of_the_wrong_type_is_a_plugin_problem(string info, string plugin, string problem)
    {
        var doc = ScanDocument.Parse(Doc(Stream("""{"type": "json"}""", info)), "k");
        Assert.That(Scan.Plugin(doc.Streams["x"], false), Is.EqualTo(((string?)plugin, (string?)problem)));
    }
}
