using System.Text;
using Testbed.TestSupport;
using Testbed.Twin.Clock;
using Testbed.Twin.Detector;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>Request bodies found by fuzzing (testbed fuzz simplon-requests) that used to escape the API as exceptions: now 400 with a reason.</summary>
public class SimplonBadBodyTests
{
    private const string Fw = "/filewriter/api/1.8.0";

    [TestCase("name_pattern")]
    [TestCase("file_template")]
    [TestCase("xml_file_name")]
    public async Task A_string_value_that_is_not_UTF_8_is_a_400(string key)
    {
        using var temp = new TempDirectory("simplon-bad-body");
        using var clock = new SimulationClock(paused: true);
        var twin = new DetectorTwin(clock, TimeProvider.System, new DataRoot(temp.Path), 8, 8, PixelType.UInt16, new SimulationSettings());
        byte[] body = [.. "{\"value\": \"a"u8, 0xFE, .. "b\"}"u8];
        var reply = await twin.Api.HandleAsync("PUT", $"{Fw}/config/{key}", body);
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Text, Does.Contain("not valid UTF-8"));
    }

    [TestCase("%s%s_%2147483647d.h5")] // was an OutOfMemoryException when the name was formatted
    [TestCase("%s%s_%3.99999999999d.h5")] // was an OverflowException
    [TestCase("%s%s_%256d.h5")]
    public async Task A_template_field_wider_than_a_file_name_is_a_400(string template)
    {
        using var temp = new TempDirectory("simplon-bad-body");
        using var clock = new SimulationClock(paused: true);
        var twin = new DetectorTwin(clock, TimeProvider.System, new DataRoot(temp.Path), 8, 8, PixelType.UInt16, new SimulationSettings());
        var reply = await twin.Api.HandleAsync("PUT", $"{Fw}/config/file_template", Encoding.UTF8.GetBytes($"{{\"value\": \"{template}\"}}"));
        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Text, Does.Contain("larger than a file name can be (255)"));
        Assert.That(FileTemplate.Parse("%s%s_%255d.h5").Format("", "n", 1), Has.Length.EqualTo(260), "255 is still a valid width");
    }
}
