using System.Net;
using Testbed.Dashboard.Hosting;

namespace Testbed.Dashboard.Tests.Hosting;

/// <summary><c>--listen</c>: what is accepted, and that leaving loopback needs a token.</summary>
public class ListenAddressTests
{
    [TestCase("127.0.0.1:5080", "127.0.0.1", 5080)]
    [TestCase("localhost:0", "127.0.0.1", 0)]
    [TestCase("0.0.0.0:8080", "0.0.0.0", 8080)]
    [TestCase("[::1]:5080", "::1", 5080)]
    public void Addresses_and_ports_parse(string text, string address, int port)
    {
        var e = ListenAddress.Parse(text);
        Assert.That((e.Address, e.Port), Is.EqualTo((IPAddress.Parse(address), port)));
    }

    [TestCase("5080", "write address:port")]
    [TestCase("127.0.0.1:http", "is not a number")]
    [TestCase("127.0.0.1:70000", "is not a number from 0 to 65535")]
    [TestCase("beamline.example:80", "is not an IP address")]
    public void Bad_values_say_what_to_write(string text, string expected) =>
        Assert.That(() => ListenAddress.Parse(text), Throws.ArgumentException.With.Message.Contains(expected));

    [Test]
    public void Off_loopback_a_token_is_required()
    {
        Assert.That(ListenAddress.Refusal(ListenAddress.Parse("0.0.0.0:5080"), null), Does.Contain("give --token"));
        Assert.That(ListenAddress.Refusal(ListenAddress.Parse("0.0.0.0:5080"), "s3cret"), Is.Null);
        Assert.That(ListenAddress.Refusal(ListenAddress.Parse("127.0.0.1:5080"), null), Is.Null);
        Assert.That(ListenAddress.Refusal(ListenAddress.Parse("[::1]:5080"), null), Is.Null);
    }
}
