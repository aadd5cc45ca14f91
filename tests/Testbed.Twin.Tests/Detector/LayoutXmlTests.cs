using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Files.Layout;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>C2 item 15: a layout XML (inline or a file under the data root) changes the tree; a bad one is reported by line and the default layout is used.</summary>
public class LayoutXmlTests
{
    private const string Det = "/detector/api/1.8.0";
    private const string Fw = "/filewriter/api/1.8.0";

    private const string Custom = """
        <?xml version="1.0" standalone="no" ?>
        <hdf5_layout>
          <group name="scan">
            <attribute name="NX_class" source="constant" value="NXentry" type="string" />
            <attribute name="version" source="constant" value="3" type="int" />
            <group name="frames" ndattr_default="true">
              <dataset name="images" source="detector" det_default="true">
                <attribute name="units" source="constant" value="counts" />
                <attribute name="gain" source="constant" value="1.5" type="float" />
              </dataset>
              <dataset name="id" source="ndattribute" ndattribute="NDArrayUniqueId" />
              <dataset name="energy" source="constant" value="12.4" type="float" />
            </group>
            <group name="plot">
              <hardlink name="signal" target="/scan/frames/images" />
            </group>
          </group>
        </hdf5_layout>
        """;

    private const string Long = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Body(string text) => JsonSerializer.Serialize(new { value = text });

    private static async Task<ClosedFile> RunAsync(SimplonRig rig, int nimages)
    {
        await rig.PutAsync(Det + "/config/nimages", $$"""{"value": {{nimages}}}""");
        var before = rig.Twin.Writer.Files.Count;
        await rig.PutAsync(Det + "/command/arm");
        await rig.PutAsync(Det + "/command/trigger");
        await Eventually.UntilAsync(() => rig.Twin.Model.State == DetectorState.Idle && rig.Twin.Writer.Files.Count > before, "the detector idle with a new file closed");
        return rig.Twin.Writer.Files[^1];
    }

    [Test]
    public async Task An_inline_layout_builds_its_own_tree_with_frames_NDAttributes_constants_and_hard_link()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        var (status, reply) = await rig.PutAsync(Fw + "/config/xml_file_name", Body(Custom));
        Assert.That(status, Is.EqualTo(200), reply.ToString());
        Assert.That((await rig.GetAsync(Fw + "/status/xml_valid")).Json.GetProperty("value").GetBoolean(), Is.True);
        Assert.That((await rig.GetAsync(Fw + "/config/data_path")).Json.GetProperty("value").GetString(), Is.EqualTo("/scan/plot/signal"));

        var file = await RunAsync(rig, 3);
        Assert.That(file.DatasetPath, Is.EqualTo("/scan/plot/signal"));
        var (h5, pixels) = H5Py.Read(file.Path, "/scan/plot/signal");
        var groups = h5.GetProperty("groups");
        var datasets = h5.GetProperty("datasets");
        Assert.Multiple(() =>
        {
            Assert.That(groups.EnumerateObject().Select(g => g.Name), Is.EquivalentTo(new[] { "/", "/scan", "/scan/frames", "/scan/plot" }));
            Assert.That(groups.GetProperty("/scan").GetProperty("NX_class").GetString(), Is.EqualTo("NXentry"));
            Assert.That(groups.GetProperty("/scan").GetProperty("version").GetInt32(), Is.EqualTo(3));
            Assert.That(groups.GetProperty("/scan/frames").GetProperty("hostname").GetString(), Is.Not.Empty);
            var images = h5.Dataset("/scan/frames/images");
            Assert.That(images.GetProperty("shape").Ints(), Is.EqualTo(new[] { 3, 16, 32 }));
            Assert.That(images.GetProperty("attrs").GetProperty("units").GetString(), Is.EqualTo("counts"));
            Assert.That(images.GetProperty("attrs").GetProperty("gain").GetDouble(), Is.EqualTo(1.5));
            Assert.That(images.GetProperty("attrs").GetProperty("NDArrayNumDims").GetInt32(), Is.EqualTo(2));
            Assert.That(images.GetProperty("attrs").TryGetProperty("signal", out _), Is.False, "@signal comes from the layout, and this one has none");
            Assert.That(h5.Dataset("/scan/frames/id").GetProperty("values").Ints(), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(h5.Dataset("/scan/frames/id").GetProperty("attrs").GetProperty("NDAttrName").GetString(), Is.EqualTo("NDArrayUniqueId"));
            Assert.That(h5.Dataset("/scan/frames/energy").GetProperty("values").GetDouble(), Is.EqualTo(12.4));
            // NDAttributes the layout places nowhere land in the ndattr_default group; no performance data set without performance/timestamp.
            foreach (var name in new[] { "NDArrayTimeStamp", "NDArrayEpicsTSSec", "NDArrayEpicsTSnSec", "ColorMode", "Manufacturer", "Model" })
                Assert.That(datasets.TryGetProperty("/scan/frames/" + name, out _), Is.True, name);
            Assert.That(datasets.TryGetProperty("/scan/frames/NDArrayUniqueId", out _), Is.False, "placed as /scan/frames/id");
            Assert.That(datasets.EnumerateObject().Select(d => d.Name), Has.None.Contains("performance").And.None.StartsWith("/entry"));
        });
        var expected = Enumerable.Range(0, 3).SelectMany(n => rig.Twin.Model.Synthesizer.Make(n, n + 1, 0.01, rig.Clock.GetUtcNow()).Bytes.ToArray()).ToArray();
        Assert.That(pixels, Is.EqualTo(expected), "frames read through the hard link");

        var h5dump = ExternalTool.Require("h5dump", "hdf5-tools");
        var (code, header, err) = ExternalTool.Run(h5dump, ["-H", file.Path], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, err);
        Assert.That(header, Does.Contain("HARDLINK \"/scan/frames/images\""));
    }

    [Test]
    public async Task A_layout_file_under_the_data_root_is_read_by_name()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        Directory.CreateDirectory(Path.Combine(rig.Temp!.Path, "layouts"));
        await File.WriteAllTextAsync(Path.Combine(rig.Temp.Path, "layouts", "custom.xml"), Custom);
        Assert.That((await rig.PutAsync(Fw + "/config/xml_file_name", """{"value": "layouts/custom.xml"}""")).Status, Is.EqualTo(200));
        Assert.That((await rig.GetAsync(Fw + "/config/xml_file_name")).Json.GetProperty("value").GetString(), Is.EqualTo("layouts/custom.xml"));
        var file = await RunAsync(rig, 2);
        var (h5, _) = H5Py.Read(file.Path, "/scan/frames/images");
        Assert.That(h5.Dataset("/scan/frames/images").GetProperty("shape").Ints(), Is.EqualTo(new[] { 2, 16, 32 }));

        var (status, json) = await rig.PutAsync(Fw + "/config/xml_file_name", """{"value": "layouts/missing.xml"}""");
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("layouts/missing.xml"));
        Assert.That((await rig.PutAsync(Fw + "/config/xml_file_name", """{"value": "/etc/passwd"}""")).Status, Is.EqualTo(400), "layout files stay under the data root");
    }

    [Test]
    public async Task Invalid_XML_is_reported_with_its_line_and_the_default_layout_is_used()
    {
        await using var rig = await SimplonRig.StartAsync();
        await rig.PutAsync(Det + "/command/initialize");
        await rig.PutAsync(Fw + "/config/xml_file_name", Body(Custom));
        var broken = "<?xml version=\"1.0\"?>\n<hdf5_layout>\n  <group name=\"entry\">\n    <dataset name=\"data\" source=\"detector\">\n  </group>\n</hdf5_layout>\n";
        var (status, json) = await rig.PutAsync(Fw + "/config/xml_file_name", Body(broken));
        Assert.That(status, Is.EqualTo(400));
        Assert.That(json.GetProperty("error").GetString(), Does.Contain("line 5").And.Contain("default layout is used"));
        Assert.That((await rig.GetAsync(Fw + "/status/xml_valid")).Json.GetProperty("value").GetBoolean(), Is.False);
        Assert.That((await rig.GetAsync(Fw + "/status/xml_error_message")).Json.GetProperty("value").GetString(), Does.Contain("line 5"));
        Assert.That((await rig.GetAsync(Fw + "/config/xml_file_name")).Json.GetProperty("value").GetString(), Is.Empty);
        Assert.That((await rig.GetAsync(Fw + "/config/data_path")).Json.GetProperty("value").GetString(), Is.EqualTo("/entry/data/data"));

        var file = await RunAsync(rig, 2);
        var (h5, _) = H5Py.Read(file.Path);
        Assert.That(h5.GetProperty("hardlinked").GetBoolean(), Is.True, "default layout: /entry/data/data → /entry/instrument/detector/data");
        Assert.That(h5.Dataset("/entry/instrument/performance/timestamp").GetProperty("shape").Ints(), Is.EqualTo(new[] { 2, 5 }));

        Assert.That((await rig.PutAsync(Fw + "/config/xml_file_name", Body(Custom))).Status, Is.EqualTo(200));
        Assert.That((await rig.GetAsync(Fw + "/status/xml_valid")).Json.GetProperty("value").GetBoolean(), Is.True, "a good layout clears the error");
        Assert.That((await rig.GetAsync(Fw + "/status/xml_error_message")).Json.GetProperty("value").GetString(), Is.Empty);
    }

    [TestCase("<global name=\"detector_data_destination\" ndattribute=\"X\" />", "<global>")]
    [TestCase("<dataset name=\"t\" source=\"ndattribute\" ndattribute=\"NDArrayUniqueId\" when=\"OnFileClose\" />", "when=\"OnFileClose\" is not supported")]
    [TestCase("<attribute name=\"a\" source=\"ndattribute\" ndattribute=\"Model\" />", "source=\"ndattribute\" is not supported")]
    [TestCase("<dataset name=\"t\" source=\"ndattribute\" ndattribute=\"Temperature\" />", "NDAttribute 'Temperature', which this detector does not produce")]
    [TestCase("<hardlink name=\"l\" target=\"/nowhere\" />", "targets '/nowhere', which the layout does not create")]
    [TestCase("<dataset name=\"d2\" source=\"detector\" />", "a second <dataset source=\"detector\">")]
    [TestCase("<dataset name=\"c\" source=\"constant\" value=\"x1\" type=\"int\" />", "'c' value 'x1' is not a valid int")]
    [TestCase("<dataset name=\"data\" source=\"constant\" value=\"1\" />", "'data' is declared twice")]
    [TestCase("<link name=\"x\" />", "<link> is not a layout element here")]
    [TestCase("<attribute name=\"note\" source=\"constant\" value=\"" + Long + "\" />", "longer than the 255 bytes")]
    public void Unsupported_or_inconsistent_layouts_are_refused_naming_the_line(string extra, string message)
    {
        var xml = "<?xml version=\"1.0\"?>\n<hdf5_layout>\n  <group name=\"entry\">\n    <dataset name=\"data\" source=\"detector\" />\n    "
            + extra + "\n  </group>\n</hdf5_layout>\n";
        var e = Assert.Throws<LayoutXmlException>(() => Hdf5LayoutParser.Parse(xml, "test", Hdf5FrameFile.NdAttributeNames))!;
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.Line, Is.EqualTo(5), e.Message);
    }

    [Test]
    public void A_layout_without_a_detector_data_set_is_refused()
    {
        var e = Assert.Throws<LayoutXmlException>(() => Hdf5LayoutParser.Parse("<?xml version=\"1.0\"?>\n<hdf5_layout>\n  <group name=\"entry\" />\n</hdf5_layout>", "test"))!;
        Assert.That(e.Message, Does.Contain("no <dataset source=\"detector\">"));
    }
}
