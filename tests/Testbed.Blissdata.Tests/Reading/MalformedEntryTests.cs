using System.Text.Json.Nodes;
using StackExchange.Redis;
using Testbed.Blissdata.Reading;

namespace Testbed.Blissdata.Tests.Reading;

/// <summary>Entries and lima records found by fuzzing (testbed fuzz blissdata-entries, blissdata-documents): a <see cref="BlissdataException"/>, never a parse or cast exception.</summary>
public class MalformedEntryTests
{
    private static Testbed.Blissdata.Reading.StreamEntry Entry(string id, params (string Name, string Value)[] fields) =>
        Testbed.Blissdata.Reading.StreamEntry.From(new StackExchange.Redis.StreamEntry(id, [.. fields.Select(f => new NameValueEntry(f.Name, f.Value))]), "esrf:stream:x");

    [TestCase("payload")]
    [TestCase("0")]
    [TestCase("-2")]
    [TestCase("4294967296")]
    public void Len_that_is_no_point_count(string len)
    {
        var e = Assert.Throws<BlissdataException>(() => Entry("3-1", ("payload", "x"), ("len", len)));
        Assert.That(e!.Message, Does.Contain("esrf:stream:x: entry 3-1 has 'len'").And.Contain("not a point count"));
    }

    [Test]
    public void Entry_beyond_the_largest_point_index()
    {
        Assert.That(() => Entry("18446744073709551614-1", ("payload", "x")), Throws.TypeOf<BlissdataException>().With.Message.Contains("beyond the largest point index"));
        Assert.That(() => Entry("9223372036854775807-1", ("payload", "x"), ("len", "2")), Throws.TypeOf<BlissdataException>().With.Message.Contains("ends beyond"));
        Assert.That(Entry("9223372036854775806-1", ("payload", "x")).End, Is.EqualTo(long.MaxValue));
    }

    [TestCase("""{"last_index": 4.5, "last_index_saved": 3}""", "last_index must be an integer")]
    [TestCase("""{"last_index": "4", "last_index_saved": 3}""", "last_index must be an integer")]
    [TestCase("""{"last_index_saved": 3}""", "has no last_index")]
    [TestCase("""[4, 3]""", "not an object")]
    public void Lima_status_of_the_wrong_shape(string json, string problem)
    {
        var e = Assert.Catch<BlissdataException>(() => Lima.Status(JsonNode.Parse(json), "cam"));
        Assert.That(e!.Message, Does.Contain("stream 'cam'").And.Contain(problem));
    }

    [TestCase("""{"lima_info": {"file_path": 5}}""", "file_path must be a string")]
    [TestCase("""{"lima_info": {"file_path": "/d/f_%d.h5", "frame_per_file": 1.5}}""", "frame_per_file must be an integer")]
    [TestCase("""{"lima_info": {"file_path": "/d/f_%99999999999d.h5"}}""", "field width 99999999999 is larger than a file name")]
    [TestCase("""{"lima_info": {"file_path": "/d/f_%256d.h5"}}""", "field width 256 is larger than a file name")]
    public void Lima_file_reference_from_a_bad_lima_info(string info, string problem)
    {
        var e = Assert.Catch<BlissdataException>(() => Lima.Reference(JsonNode.Parse(info)!.AsObject(), "cam", 3));
        Assert.That(e!.Message, Does.Contain(problem));
    }
}
