using System.Text.Json;
using Testbed.TestSupport;
using Testbed.Twin.Detector.Files.Native;
using Testbed.Twin.Detector.Files.Swmr;
using Testbed.Twin.Detector.Model;

namespace Testbed.Twin.Tests.Detector.Swmr;

/// <summary>C2 item 14: SWMR files through libhdf5, read by h5py while open and by h5py and h5dump after close.</summary>
public class SwmrFrameFileTests
{
    private const int W = 32;
    private const int H = 24;

    /// <summary>Creates the file or skips the test when libhdf5 is not installed.</summary>
    internal static SwmrFrameFile CreateOrIgnore(string path, PixelType type, int framesPerFlush, int width = W, int height = H, int framesPerChunk = 1)
    {
        try
        {
            return SwmrFrameFile.Create(path, width, height, type, TimeProvider.System, framesPerFlush, framesPerChunk);
        }
        catch (Hdf5UnavailableException e)
        {
            Assert.Ignore(e.Message);
            throw;
        }
    }

    [Test]
    public void Open_file_is_read_by_an_h5py_SWMR_reader_that_sees_frames_as_they_are_flushed()
    {
        using var temp = new TempDirectory("swmr");
        var path = temp.File("live.h5");
        using var file = CreateOrIgnore(path, PixelType.UInt16, framesPerFlush: 2);
        using var reader = SwmrReader.Open(path);

        var (ids, _, _) = reader.Poll();
        Assert.That(ids, Is.Empty, "nothing flushed yet");

        file.Append(SwmrFrames.Make(0, W, H, PixelType.UInt16));
        Assert.That(file.Flushed, Is.Zero);
        Assert.That(reader.Poll().Ids, Is.Empty, "one frame of two: not flushed, so no unique id is visible yet");

        for (var step = 1; step <= 3; step++)
        {
            while (file.Count < 2 * step) file.Append(SwmrFrames.Make(file.Count, W, H, PixelType.UInt16));
            var (seen, frames, pixels) = reader.Poll();
            Assert.Multiple(() =>
            {
                Assert.That(file.Flushed, Is.EqualTo(2 * step));
                Assert.That(seen, Is.EqualTo(Enumerable.Range(1, 2 * step).ToArray()), $"after {2 * step} frames");
                Assert.That(frames, Is.GreaterThanOrEqualTo(seen.Length), "frames are flushed before their unique ids");
                Assert.That(pixels, Is.EqualTo(SwmrFrames.Bytes(2 * step, W, H, PixelType.UInt16)), "the flushed frames' pixels");
            });
        }

        // An odd frame is made visible by Close.
        file.Append(SwmrFrames.Make(6, W, H, PixelType.UInt16));
        file.Close();
        var last = reader.Poll();
        Assert.That(last.Ids, Has.Length.EqualTo(7));
        Assert.That(last.Frames, Is.EqualTo(7));
        Assert.That(last.Pixels, Is.EqualTo(SwmrFrames.Bytes(7, W, H, PixelType.UInt16)));
    }

    [TestCase(PixelType.UInt8, "|u1", "H5T_STD_U8LE")]
    [TestCase(PixelType.UInt16, "<u2", "H5T_STD_U16LE")]
    [TestCase(PixelType.UInt32, "<u4", "H5T_STD_U32LE")]
    [TestCase(PixelType.Float32, "<f4", "H5T_IEEE_F32LE")]
    public void Closed_file_has_the_NDFileHDF5_layout_for_h5py_and_h5dump(PixelType type, string dtype, string h5dumpType)
    {
        using var temp = new TempDirectory("swmr");
        var path = temp.File("closed.h5");
        using (var file = CreateOrIgnore(path, type, framesPerFlush: 3))
        {
            for (var n = 0; n < 5; n++) file.Append(SwmrFrames.Make(n, W, H, type));
            file.Close();
        }

        var (h5, pixels) = H5Py.Read(path);
        var data = h5.Dataset("/entry/instrument/detector/data");
        var ids = h5.Dataset("/entry/instrument/NDAttributes/NDArrayUniqueId");
        Assert.Multiple(() =>
        {
            H5Py.AssertDefaultTree(h5);
            Assert.That(data.GetProperty("shape").Ints(), Is.EqualTo(new[] { 5, H, W }));
            Assert.That(data.GetProperty("dtype").GetString(), Is.EqualTo(dtype));
            Assert.That(data.GetProperty("chunks").Ints(), Is.EqualTo(new[] { 1, H, W }));
            Assert.That(data.GetProperty("compression").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var attrs = data.GetProperty("attrs");
            Assert.That(attrs.GetProperty("signal").GetInt32(), Is.EqualTo(1));
            Assert.That(attrs.GetProperty("NDArrayNumDims").GetInt32(), Is.EqualTo(2));
            Assert.That(attrs.GetProperty("NDArrayDimOffset").Ints(), Is.EqualTo(new[] { 0, 0 }));
            Assert.That(attrs.GetProperty("NDArrayDimBinning").Ints(), Is.EqualTo(new[] { 1, 1 }));
            Assert.That(attrs.GetProperty("NDArrayDimReverse").Ints(), Is.EqualTo(new[] { 0, 0 }));
            Assert.That(ids.GetProperty("dtype").GetString(), Is.EqualTo("<i4"));
            Assert.That(ids.GetProperty("values").Ints(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayTimeStamp").GetProperty("dtype").GetString(), Is.EqualTo("<f8"));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayEpicsTSSec").GetProperty("dtype").GetString(), Is.EqualTo("<u4"));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayEpicsTSnSec").GetProperty("dtype").GetString(), Is.EqualTo("<u4"));
            Assert.That(h5.Dataset("/entry/instrument/detector/NDAttributes/ColorMode").GetProperty("values").Ints(), Is.EqualTo(new[] { 0, 0, 0, 0, 0 }));
            Assert.That(h5.Dataset("/entry/instrument/performance/timestamp").GetProperty("shape").Ints(), Is.EqualTo(new[] { 5, 5 }));
            foreach (var name in new[] { "NDArrayUniqueId", "NDArrayTimeStamp", "NDArrayEpicsTSSec", "NDArrayEpicsTSnSec" })
            {
                var a = h5.Dataset("/entry/instrument/NDAttributes/" + name);
                Assert.That(a.GetProperty("shape").Ints(), Is.EqualTo(new[] { 5 }), name);
                Assert.That(a.GetProperty("attrs").GetProperty("NDAttrName").GetString(), Is.EqualTo(name));
                Assert.That(a.GetProperty("attrs").GetProperty("NDAttrSourceType").GetString(), Is.EqualTo("NDAttrSourceDriver"));
            }
            Assert.That(pixels, Is.EqualTo(SwmrFrames.Bytes(5, W, H, type)));
        });
        var (sec, nsec) = SwmrFrames.Make(4, W, H, type).EpicsTime;
        var ts = h5.Dataset("/entry/instrument/NDAttributes/NDArrayTimeStamp").GetProperty("values")[4].GetDouble();
        Assert.That(ts, Is.EqualTo(sec + nsec / 1e9).Within(1e-6));

        var h5dump = ExternalTool.Require("h5dump", "hdf5-tools");
        var (code, stdout, stderr) = ExternalTool.Run(h5dump, ["-H", "-p", "-d", "/entry/instrument/detector/data", path], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, stderr);
        Assert.Multiple(() =>
        {
            Assert.That(stdout, Does.Contain($"DATASPACE  SIMPLE {{ ( 5, {H}, {W} ) / ( H5S_UNLIMITED, {H}, {W} ) }}"));
            Assert.That(stdout, Does.Contain($"CHUNKED ( 1, {H}, {W} )"));
            Assert.That(stdout, Does.Contain($"DATATYPE  {h5dumpType}"));
        });
    }

    [Test]
    public void File_stopped_early_holds_exactly_the_frames_appended_and_chunks_of_several_frames()
    {
        using var temp = new TempDirectory("swmr");
        var path = temp.File("short.h5");
        using (var file = CreateOrIgnore(path, PixelType.UInt32, framesPerFlush: 10, framesPerChunk: 4))
        {
            for (var n = 0; n < 3; n++) file.Append(SwmrFrames.Make(n, W, H, PixelType.UInt32));
        }
        var (h5, pixels) = H5Py.Read(path);
        var data = h5.Dataset("/entry/data/data");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("shape").Ints(), Is.EqualTo(new[] { 3, H, W }), "Dispose flushes and closes; no resize copy is needed");
            Assert.That(data.GetProperty("chunks").Ints(), Is.EqualTo(new[] { 4, H, W }));
            Assert.That(h5.Dataset("/entry/instrument/NDAttributes/NDArrayUniqueId").GetProperty("values").Ints(), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(pixels, Is.EqualTo(SwmrFrames.Bytes(3, W, H, PixelType.UInt32)));
        });
    }

    [Test]
    public void Frames_of_another_size_or_type_are_refused()
    {
        using var temp = new TempDirectory("swmr");
        using var file = CreateOrIgnore(temp.File("x.h5"), PixelType.UInt16, framesPerFlush: 1);
        Assert.Throws<ArgumentException>(() => file.Append(SwmrFrames.Make(0, W + 1, H, PixelType.UInt16)));
        Assert.Throws<ArgumentException>(() => file.Append(SwmrFrames.Make(0, W, H, PixelType.UInt8)));
        Assert.That(file.Count, Is.Zero);
    }
}
