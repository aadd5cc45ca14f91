using System.Runtime.InteropServices;
using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector;

/// <summary>C2 items 5–13, 16, 22: NDFileHDF5 default layout, read back by h5py and h5dump.</summary>
public class Hdf5LayoutTests
{
    [Test]
    public async Task Stream_file_has_the_NDFileHDF5_tree_shapes_chunks_attributes_and_model_pixels()
    {
        using var rig = new DetectorRig(64, 48, PixelType.UInt16);
        rig.Writer.Settings.FramesPerFile = 5;
        await rig.RunSeriesAsync(nimages: 5);

        Assert.That(rig.Writer.Files, Has.Count.EqualTo(1));
        var file = rig.Writer.Files[0];
        var (h5, pixels) = H5Py.Read(file.Path);
        Assert.Multiple(() =>
        {
            H5Py.AssertDefaultTree(h5);
        });

        var data = h5.Dataset("/entry/instrument/detector/data");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("shape").Ints(), Is.EqualTo(new[] { 5, 48, 64 }));
            Assert.That(data.GetProperty("dtype").GetString(), Is.EqualTo("<u2"));
            Assert.That(data.GetProperty("chunks").Ints(), Is.EqualTo(new[] { 1, 48, 64 }));
            Assert.That(data.GetProperty("compression").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var attrs = data.GetProperty("attrs");
            Assert.That(attrs.GetProperty("signal").GetInt32(), Is.EqualTo(1));
            Assert.That(attrs.GetProperty("NDArrayNumDims").GetInt32(), Is.EqualTo(2));
            Assert.That(attrs.GetProperty("NDArrayDimOffset").Ints(), Is.EqualTo(new[] { 0, 0 }));
            Assert.That(attrs.GetProperty("NDArrayDimBinning").Ints(), Is.EqualTo(new[] { 1, 1 }));
            Assert.That(attrs.GetProperty("NDArrayDimReverse").Ints(), Is.EqualTo(new[] { 0, 0 }));
        });

        var ids = h5.Dataset("/entry/instrument/NDAttributes/NDArrayUniqueId");
        Assert.Multiple(() =>
        {
            Assert.That(ids.GetProperty("dtype").GetString(), Is.EqualTo("<i4"));
            Assert.That(ids.GetProperty("values").Ints(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), "UniqueId = ArrayCounter, strictly increasing");
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayTimeStamp").GetProperty("dtype").GetString(), Is.EqualTo("<f8"));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayEpicsTSSec").GetProperty("dtype").GetString(), Is.EqualTo("<u4"));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayEpicsTSnSec").GetProperty("dtype").GetString(), Is.EqualTo("<u4"));
            Assert.That(h5.Dataset("/entry/instrument/detector/NDAttributes/ColorMode").GetProperty("shape").Ints(), Is.EqualTo(new[] { 5 }));
            Assert.That(h5.Dataset("/entry/instrument/performance/timestamp").GetProperty("shape").Ints(), Is.EqualTo(new[] { 5, 5 }));
            Assert.That(h5.Dataset("/entry/instrument/performance/timestamp").GetProperty("dtype").GetString(), Is.EqualTo("<f8"));
            foreach (var name in new[] { "NDArrayUniqueId", "NDArrayTimeStamp", "NDArrayEpicsTSSec", "NDArrayEpicsTSnSec" })
            {
                var a = h5.Dataset("/entry/instrument/NDAttributes/" + name).GetProperty("attrs");
                Assert.That(a.GetProperty("NDAttrName").GetString(), Is.EqualTo(name));
                foreach (var key in new[] { "NDAttrDescription", "NDAttrSourceType", "NDAttrSource" })
                    Assert.That(a.TryGetProperty(key, out _), Is.True, $"{name} lacks @{key}");
            }
        });

        // EPICS time stamps agree with each other: TimeStamp = sec + nsec/1e9, since 1990.
        var sec = h5.Dataset("/entry/instrument/NDAttributes/NDArrayEpicsTSSec").GetProperty("values")[0].GetDouble();
        var nsec = h5.Dataset("/entry/instrument/NDAttributes/NDArrayEpicsTSnSec").GetProperty("values")[0].GetDouble();
        var ts = h5.Dataset("/entry/instrument/NDAttributes/NDArrayTimeStamp").GetProperty("values")[0].GetDouble();
        Assert.That(ts, Is.EqualTo(sec + nsec / 1e9).Within(1e-6));
        Assert.That(Frame.EpicsEpoch.AddSeconds(sec), Is.EqualTo(rig.Clock.GetUtcNow()).Within(TimeSpan.FromDays(1)));

        // Pixels = the model's LinearRamp frames 0..4 with the same seed.
        var expected = Enumerable.Range(0, 5).SelectMany(n => rig.Expected(n).Bytes.ToArray()).ToArray();
        Assert.That(pixels, Is.EqualTo(expected));
        var f3 = MemoryMarshal.Cast<byte, ushort>(pixels.AsSpan(3 * 48 * 64 * 2, 48 * 64 * 2));
        Assert.That(f3[10 * 64 + 7], Is.EqualTo((ushort)(7 + 10 + 3)), "LinearRamp pixel(x=7,y=10) of frame 3 = GainX·x + GainY·y + n");
    }

    [TestCase(PixelType.UInt8, "|u1")]
    [TestCase(PixelType.UInt32, "<u4")]
    [TestCase(PixelType.Float32, "<f4")]
    public async Task Data_set_dtype_follows_the_frame_type(PixelType type, string numpy)
    {
        using var rig = new DetectorRig(16, 8, type, new SimulationSettings { Mode = SimMode.Peaks, Seed = 3, Gain = 200, PeakStartX = 8, PeakStartY = 4, PeakWidthX = 3, PeakWidthY = 2, PeakVariation = 20 });
        await rig.RunSeriesAsync(nimages: 2);
        var (h5, pixels) = H5Py.Read(rig.Writer.Files[0].Path);
        Assert.That(h5.Dataset("/entry/data/data").GetProperty("dtype").GetString(), Is.EqualTo(numpy));
        Assert.That(pixels, Is.EqualTo(rig.Expected(0).Bytes.ToArray().Concat(rig.Expected(1).Bytes.ToArray()).ToArray()));
    }

    [Test]
    public async Task Single_mode_writes_one_YX_file_per_frame_and_capture_mode_N_YX_with_N_1()
    {
        using var rig = new DetectorRig(16, 8);
        rig.Writer.Settings.WriteMode = FileWriteMode.Single;
        await rig.RunSeriesAsync(nimages: 2);
        Assert.That(rig.Writer.Files, Has.Count.EqualTo(2));
        var (single, px) = H5Py.Read(rig.Writer.Files[1].Path);
        Assert.That(single.Dataset("/entry/data/data").GetProperty("shape").Ints(), Is.EqualTo(new[] { 8, 16 }));
        Assert.That(px, Is.EqualTo(rig.Expected(1).Bytes.ToArray()));

        rig.Writer.Settings.WriteMode = FileWriteMode.Capture;
        rig.Writer.Settings.FramesPerFile = 1;
        await rig.RunSeriesAsync(nimages: 1);
        var (capture, _) = H5Py.Read(rig.Writer.Files[^1].Path);
        Assert.That(capture.Dataset("/entry/data/data").GetProperty("shape").Ints(), Is.EqualTo(new[] { 1, 8, 16 }));
    }

    [Test]
    public async Task Frames_per_chunk_is_honoured_and_pixels_stay_in_place()
    {
        using var rig = new DetectorRig(16, 8);
        rig.Writer.Settings.FramesPerChunk = 2;
        await rig.RunSeriesAsync(nimages: 5);
        var (h5, pixels) = H5Py.Read(rig.Writer.Files[0].Path);
        Assert.That(h5.Dataset("/entry/data/data").GetProperty("chunks").Ints(), Is.EqualTo(new[] { 2, 8, 16 }));
        Assert.That(pixels, Is.EqualTo(Enumerable.Range(0, 5).SelectMany(n => rig.Expected(n).Bytes.ToArray()).ToArray()));
    }

    [Test]
    public async Task H5dump_reads_the_layout_chunking_hard_link_and_unique_ids()
    {
        var h5dump = ExternalTool.Require("h5dump", "hdf5-tools");
        using var rig = new DetectorRig(32, 24);
        await rig.RunSeriesAsync(nimages: 3);
        var path = rig.Writer.Files[0].Path;
        var (code, header, err) = ExternalTool.Run(h5dump, ["-H", "-p", path], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, err);
        Assert.That(header, Does.Contain("DATASPACE  SIMPLE { ( 3, 24, 32 ) / ( 3, 24, 32 ) }"));
        Assert.That(header, Does.Contain("CHUNKED ( 1, 24, 32 )"));
        Assert.That(header, Does.Contain("H5T_STD_U16LE"));
        Assert.That(header, Does.Contain("HARDLINK"));
        var (code2, ids, err2) = ExternalTool.Run(h5dump, ["-d", "/entry/instrument/NDAttributes/NDArrayUniqueId", "-y", "-w", "0", path], TimeSpan.FromSeconds(30));
        Assert.That(code2, Is.Zero, err2);
        Assert.That(ids, Does.Contain("1, 2, 3"));
    }

    [Test]
    public void Same_seed_gives_the_same_frames_and_another_seed_different_ones()
    {
        var beam = new SimulationSettings { Mode = SimMode.Beam, Seed = 11, DarkCurrent = 50, HotPixelFraction = 0.01, DeadPixelFraction = 0.01 };
        var a = new FrameSynthesizer(32, 32, PixelType.UInt16, beam).Make(4, 5, 0.1, DateTimeOffset.UnixEpoch);
        var b = new FrameSynthesizer(32, 32, PixelType.UInt16, beam).Make(4, 5, 0.1, DateTimeOffset.UnixEpoch);
        var c = new FrameSynthesizer(32, 32, PixelType.UInt16, beam with { Seed = 12 }).Make(4, 5, 0.1, DateTimeOffset.UnixEpoch);
        Assert.That(a.Bytes.ToArray(), Is.EqualTo(b.Bytes.ToArray()));
        Assert.That(a.Bytes.ToArray(), Is.Not.EqualTo(c.Bytes.ToArray()));
    }
}
