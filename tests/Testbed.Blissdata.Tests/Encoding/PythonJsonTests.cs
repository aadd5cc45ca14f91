using System.Text.Json.Nodes;
using Testbed.Blissdata.Encoding;

namespace Testbed.Blissdata.Tests.Encoding;

public class PythonJsonTests
{
    [Test]
    public void Dumps_uses_pythons_separators_and_ascii_escapes()
    {
        var node = new JsonObject { ["a"] = 1, ["b"] = new JsonArray(1, "é"), ["c"] = null };
        Assert.That(PythonJson.Dumps(node), Is.EqualTo("{\"a\": 1, \"b\": [1, \"\\u00e9\"], \"c\": null}"));
    }

    [Test]
    public void NaN_and_infinities_become_null_everywhere() // §10.13
    {
        var node = new JsonObject { ["x"] = double.NaN, ["y"] = new JsonArray(double.PositiveInfinity, 1.5), ["z"] = new JsonObject { ["w"] = float.NegativeInfinity } };
        Assert.That(PythonJson.Sanitize(node)!.ToJsonString(), Is.EqualTo("""{"x":null,"y":[null,1.5],"z":{"w":null}}"""));
    }
}
