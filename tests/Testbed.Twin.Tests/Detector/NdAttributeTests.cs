using Testbed.TestSupport;

namespace Testbed.Twin.Tests.Detector;

/// <summary>C2 item 10: every NDAttribute data set carries its four NDAttr* attributes; string NDAttributes are fixed 256-byte strings.</summary>
public class NdAttributeTests
{
    private static readonly string[] NdAttributeDataSets =
    [
        "/entry/instrument/NDAttributes/NDArrayUniqueId", "/entry/instrument/NDAttributes/NDArrayTimeStamp",
        "/entry/instrument/NDAttributes/NDArrayEpicsTSSec", "/entry/instrument/NDAttributes/NDArrayEpicsTSnSec",
        "/entry/instrument/NDAttributes/Manufacturer", "/entry/instrument/NDAttributes/Model",
        "/entry/instrument/detector/NDAttributes/ColorMode",
    ];

    [Test]
    public async Task Every_NDAttribute_data_set_names_itself_its_description_and_its_source()
    {
        using var rig = new DetectorRig(16, 8);
        await rig.RunSeriesAsync(nimages: 3);
        var (h5, _) = H5Py.Read(rig.Writer.Files[0].Path);
        var inGroups = h5.GetProperty("datasets").EnumerateObject().Select(p => p.Name).Where(n => n.Contains("/NDAttributes/"));
        Assert.That(inGroups, Is.EquivalentTo(NdAttributeDataSets), "the NDAttribute data sets of the default layout");
        Assert.Multiple(() =>
        {
            foreach (var path in NdAttributeDataSets)
            {
                var a = h5.Dataset(path).GetProperty("attrs");
                Assert.That(a.GetProperty("NDAttrName").GetString(), Is.EqualTo(path[(path.LastIndexOf('/') + 1)..]), path);
                Assert.That(a.GetProperty("NDAttrDescription").GetString(), Is.Not.Empty, path);
                Assert.That(a.GetProperty("NDAttrSourceType").GetString(), Is.AnyOf("NDAttrSourceDriver", "NDAttrSourceParam", "NDAttrSourceEPICSPV", "NDAttrSourceFunct", "NDAttrSourceConst"), path);
                Assert.That(a.GetProperty("NDAttrSource").GetString(), Is.Not.Empty, path);
            }
            var model = h5.Dataset("/entry/instrument/NDAttributes/Model").GetProperty("attrs");
            Assert.That(model.GetProperty("NDAttrSourceType").GetString(), Is.EqualTo("NDAttrSourceParam"));
            Assert.That(model.GetProperty("NDAttrSource").GetString(), Is.EqualTo("MODEL"));
        });
    }

    [Test]
    public async Task String_NDAttributes_are_fixed_256_byte_strings_one_per_frame()
    {
        using var rig = new DetectorRig(16, 8);
        await rig.RunSeriesAsync(nimages: 3);
        var path = rig.Writer.Files[0].Path;
        var (h5, _) = H5Py.Read(path);
        var manufacturer = h5.Dataset("/entry/instrument/NDAttributes/Manufacturer");
        var model = h5.Dataset("/entry/instrument/NDAttributes/Model");
        Assert.Multiple(() =>
        {
            Assert.That(manufacturer.GetProperty("dtype").GetString(), Is.EqualTo("|S256"));
            Assert.That(model.GetProperty("dtype").GetString(), Is.EqualTo("|S256"));
            Assert.That(manufacturer.GetProperty("values").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(Enumerable.Repeat(rig.Writer.Manufacturer, 3)));
            Assert.That(model.GetProperty("values").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(Enumerable.Repeat(rig.Writer.Model, 3)));
        });

        var h5dump = ExternalTool.Require("h5dump", "hdf5-tools");
        var (code, text, err) = ExternalTool.Run(h5dump, ["-d", "/entry/instrument/NDAttributes/Model", path], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, err);
        Assert.That(text, Does.Contain("STRSIZE 256;").And.Contain("H5T_STR_NULLTERM").And.Contain($"\"{rig.Writer.Model}\""));
    }

    [Test]
    public async Task A_stream_stopped_early_keeps_string_NDAttributes_for_the_frames_it_holds()
    {
        using var rig = new DetectorRig(16, 8);
        rig.Writer.Settings.FramesPerFile = 0;
        await rig.Model.InitializeAsync();
        rig.Model.Timing.SetCountTime(0.01);
        rig.Model.Timing.SetNImages(100_000);
        await rig.Model.ArmAsync();
        _ = rig.Model.TriggerAsync();
        await Eventually.ValueAsync(() => rig.Model.ArrayCounter, n => n >= 2, "two frames acquired");
        await rig.Model.DisarmAsync();
        var file = rig.Writer.Files[0];
        var (h5, _) = H5Py.Read(file.Path);
        var model = h5.Dataset("/entry/instrument/NDAttributes/Model");
        Assert.That(model.GetProperty("shape").Ints(), Is.EqualTo(new[] { file.Frames }));
        Assert.That(model.GetProperty("values").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(Enumerable.Repeat(rig.Writer.Model, file.Frames)));
    }
}
