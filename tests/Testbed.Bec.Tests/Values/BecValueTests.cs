using Testbed.Bec.Codec;
using Testbed.Bec.Values;

namespace Testbed.Bec.Tests.Values;

/// <summary>The value model's conveniences behave as a Python dict/list user expects.</summary>
public class BecValueTests
{
    [Test]
    public void Plain_dotnet_values_convert_with_their_kinds()
    {
        var value = BecValue.From(new Dictionary<string, object?>
        {
            ["steps"] = 5, ["exp_time"] = 0.01, ["relative"] = false, ["name"] = "samx", ["none"] = null, ["args"] = new object[] { -1, 1.5 },
        });
        Assert.That(value, Is.EqualTo(new BecMap
        {
            ["steps"] = 5, ["exp_time"] = 0.01, ["relative"] = false, ["name"] = "samx", ["none"] = BecValue.Nil, ["args"] = new BecList { -1, 1.5 },
        }));
        Assert.That(() => BecValue.From(new Uri("http://x")), Throws.TypeOf<BecValueException>().With.Message.StartsWith("cannot convert a Uri"));
    }

    [Test]
    public void Kinds_differ_as_their_bytes_do()
    {
        Assert.That((BecValue)1, Is.Not.EqualTo((BecValue)1.0));
        Assert.That((BecValue)true, Is.Not.EqualTo((BecValue)1));
        Assert.That((BecValue)"a", Is.Not.EqualTo(new BecBin("a"u8.ToArray())));
        BecValue nan = double.NaN;
        Assert.That(new BecFloat(double.NaN), Is.EqualTo(nan), "NaN equals NaN: same bytes");
        Assert.That(new BecMap { ["a"] = 1, ["b"] = 2 }, Is.Not.EqualTo(new BecMap { ["b"] = 2, ["a"] = 1 }), "order counts");
        Assert.That(((BecValue)3).AsDouble(), Is.EqualTo(3.0), "an int reads as a float, as pydantic accepts it");
    }

    [Test]
    public void Setting_a_present_key_replaces_it_in_place()
    {
        var map = new BecMap { ["a"] = 1, ["b"] = 2 };
        map["a"] = 10;
        map["c"] = 3;
        Assert.That(map.Keys, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(map["a"], Is.EqualTo(new BecInt(10)));
        Assert.That(() => map["zz"], Throws.TypeOf<KeyNotFoundException>().With.Message.StartsWith("no key 'zz' in {'a': 10"));
        Assert.That(() => map.Add("b", 1), Throws.ArgumentException);
        Assert.That(map.GetOrNull("zz"), Is.Null);
    }

    [Test]
    public void A_device_object_key_is_found_by_name()
    {
        var args = new BecMap { { new DeviceRef("Positioner", "samx"), new BecList { -1, 1 } } };
        Assert.That(args.ContainsKey("samx"), Is.True);
        args["samx"] = new BecList { 0, 2 };
        Assert.That(args.Entries.Single().Key, Is.TypeOf<DeviceRef>(), "the key stays the device object");
    }

    [Test]
    public void Values_render_python_like_for_messages()
    {
        var value = new BecMap { ["a"] = BecValue.Nil, ["b"] = true, ["c"] = new BecList { 1, 2.0, "x" }, ["d"] = new EnumValue("BECStatus", 2) };
        Assert.That(value.ToString(), Is.EqualTo("{'a': None, 'b': True, 'c': [1, 2.0, 'x'], 'd': BECStatus(2)}"));
        Assert.That(NdArray.From<ushort>(new ushort[4], 2, 2).ToString(), Is.EqualTo("ndarray(<u2, shape [2, 2])"));
        Assert.That(new BecStr(new string('x', 200)).Describe(20), Has.Length.EqualTo(20).And.EndsWith("..."));
    }
}
