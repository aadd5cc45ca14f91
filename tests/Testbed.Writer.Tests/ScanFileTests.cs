using System.Globalization;
using Testbed.Blissdata;
using Testbed.TestSupport;
using Testbed.Writer.Tests.Support;

namespace Testbed.Writer.Tests;

/// <summary>The file of a scan as h5py and h5dump read it: blisswriter's layout, every channel bit for bit, frames through a virtual data set.</summary>
public class ScanFileTests
{
    /// <summary>Prints the layout and every value as exact text (repr of float64 round-trips every bit).</summary>
    private const string Dump = """
        import sys, h5py, numpy
        f = h5py.File(sys.argv[1], "r")
        e = f["7.1"]
        def s(x): return x.decode() if isinstance(x, bytes) else str(x)
        print("root", s(f.attrs["NX_class"]), s(f.attrs["default"]), s(e.attrs["NX_class"]), s(e.attrs["default"]), type(e.attrs["NX_class"]).__name__)
        print("title", s(e["title"][()]), "end_reason", s(e["end_reason"][()]) if "end_reason" in e else None, "end_time" in e)
        print("measurement", sorted(e["measurement"].keys()))
        print("instrument", sorted(e["instrument"].keys()))
        print("classes", s(e["instrument/roby"].attrs["NX_class"]), s(e["instrument/diode"].attrs["NX_class"]), s(e["instrument/det"].attrs["NX_class"]))
        print("start", sorted((k, float(v[()])) for k, v in e["instrument/positioners_start"].items()))
        print("end", sorted((k, float(v[()])) for k, v in e["instrument/positioners_end"].items()) if "positioners_end" in e["instrument"] else None)
        print("roby", [repr(float(x)) for x in e["measurement/roby"][()]], s(e["instrument/roby/value"].attrs["units"]))
        print("diode", [repr(float(x)) for x in e["measurement/diode"][()]], e["measurement/diode"].dtype)
        print("counts", e["measurement/counts"][()].tolist(), e["measurement/counts"].dtype)
        print("spectrum", e["measurement/spectrum"].shape, e["measurement/spectrum"].dtype, e["measurement/spectrum"][()].tolist())
        print("positioners", e["instrument/positioners/roby"][()].tolist() == e["measurement/roby"][()].tolist())
        p = e["plotselect"]
        print("plot", s(p.attrs["NX_class"]), s(p.attrs["signal"]), s(p.attrs["axes"]), sorted(p.keys()))
        if "det" in e["measurement"]:
            d = e["measurement/det"]
            print("frames", d.shape, d.dtype, d.is_virtual, [int(d[i, 2, 3]) for i in range(d.shape[0])], int(d[-1].sum()))
        """;

    [Test]
    public async Task A_scan_file_has_blisswriters_layout_and_every_channel_bit_for_bit()
    {
        await using var h = await WriterHarness.StartAsync();
        var scan = await h.WrittenScanAsync();
        var lines = WriterHarness.Python(Dump, scan.File).Split('\n');
        var i = Enumerable.Range(0, 9).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("root NXroot 7.1 NXentry plotselect str"), "attributes read as str, as h5py writes them");
            Assert.That(lines[1], Is.EqualTo("title ascan roby -1 1 8 0.1 end_reason SUCCESS True"));
            Assert.That(lines[2], Is.EqualTo("measurement ['counts', 'det', 'diode', 'roby', 'spectrum']"));
            Assert.That(lines[3], Is.EqualTo("instrument ['counts', 'det', 'diode', 'positioners', 'positioners_end', 'positioners_start', 'roby', 'spectrum']"));
            Assert.That(lines[4], Is.EqualTo("classes NXpositioner NXdetector NXdetector"));
            Assert.That(lines[5], Is.EqualTo("start [('roby', -1.0), ('robz', 3.5)]"));
            Assert.That(lines[6], Is.EqualTo("end [('roby', 1.0), ('robz', 3.5)]"));
            Assert.That(lines[7], Is.EqualTo($"roby [{Reprs(i.Select(TestScan.Position))}] mm"));
            Assert.That(lines[8], Is.EqualTo($"diode [{Reprs(i.Select(TestScan.Diode))}] float64"));
            Assert.That(lines[9], Is.EqualTo($"counts [{string.Join(", ", i.Select(TestScan.Counts))}] int32"));
            Assert.That(lines[10], Is.EqualTo($"spectrum (9, 6) uint32 [{string.Join(", ", i.Select(k => $"[{string.Join(", ", TestScan.Spectrum(k))}]"))}]"));
            Assert.That(lines[11], Is.EqualTo("positioners True"));
            Assert.That(lines[12], Is.EqualTo("plot NXdata diode roby ['diode', 'roby']"));
        });
        var (code, _, stderr) = ExternalTool.Run(ExternalTool.Require("h5dump", "hdf5-tools"), ["-H", scan.File], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
    }

    [Test]
    public async Task Detector_frames_resolve_through_a_virtual_data_set_onto_the_detector_files()
    {
        await using var h = await WriterHarness.StartAsync();
        var writer = await h.StartWriterAsync();
        var scan = await TestScan.PrepareAsync(h.Store, h.Data.File("sample_0001.h5"));
        await scan.SendAsync(8); // the last file holds two frames
        await scan.EndAsync();
        await WriterHarness.FilesWrittenAsync(writer, 1);
        var frames = WriterHarness.Python(Dump, scan.File).Split('\n').Single(l => l.StartsWith("frames", StringComparison.Ordinal));
        var sum7 = Enumerable.Range(0, TestScan.Height).Sum(y => Enumerable.Range(0, TestScan.Width).Sum(x => TestScan.Pixel(7, y, x)));
        Assert.That(frames, Is.EqualTo($"frames (8, 4, 5) uint16 True [{string.Join(", ", Enumerable.Range(0, 8).Select(f => TestScan.Pixel(f, 2, 3)))}] {sum7}"));
        // No pixel is copied: the scan file stays small beside the frames, and moving both folders together keeps the links.
        var moved = h.Data.File("moved");
        Directory.Move(h.Data.Path + "/scan0007", Directory.CreateDirectory(moved).FullName + "/scan0007");
        File.Move(scan.File, Path.Combine(moved, "sample_0001.h5"));
        var again = WriterHarness.Python("import sys,h5py; d=h5py.File(sys.argv[1],'r')['7.1/measurement/det']; print(int(d[7,2,3]))", Path.Combine(moved, "sample_0001.h5"));
        Assert.That(again, Is.EqualTo(TestScan.Pixel(7, 2, 3).ToString(CultureInfo.InvariantCulture)));
    }

    [TestCase(EndReason.Failure)]
    [TestCase(EndReason.UserAbort)]
    public async Task A_scan_that_ends_badly_is_recorded_with_its_end_reason(string reason)
    {
        await using var h = await WriterHarness.StartAsync();
        var writer = await h.StartWriterAsync();
        var scan = await TestScan.PrepareAsync(h.Store, h.Data.File("sample_0001.h5"));
        await scan.SendAsync(4);
        await scan.EndAsync(reason);
        await WriterHarness.FilesWrittenAsync(writer, 1);
        var lines = WriterHarness.Python(Dump, scan.File).Split('\n');
        Assert.That(lines[1], Is.EqualTo($"title ascan roby -1 1 8 0.1 end_reason {reason} True"));
        Assert.That(lines[9], Is.EqualTo($"counts [{string.Join(", ", Enumerable.Range(0, 4).Select(TestScan.Counts))}] int32"));
    }

    [Test]
    public async Task An_existing_file_that_is_not_the_writers_is_never_written_over()
    {
        await using var h = await WriterHarness.StartAsync();
        var writer = await h.StartWriterAsync();
        var file = h.Data.File("sample_0001.h5");
        await File.WriteAllTextAsync(file, "someone else's data");
        var scan = await TestScan.PrepareAsync(h.Store, file);
        await scan.SendAsync(3);
        await scan.EndAsync();
        var second = await TestScan.PrepareAsync(h.Store, h.Data.File("sample_0002.h5"), number: 8);
        await second.SendAsync(1);
        await second.EndAsync();
        // The writer goes on with the next scan; the refused one is logged (one line) and left alone.
        await WriterHarness.FilesWrittenAsync(writer, 1);
        Assert.That(await File.ReadAllTextAsync(file), Is.EqualTo("someone else's data"));
        Assert.That(writer.FilesWritten, Is.EqualTo(1));
    }

    [Test]
    public async Task Scans_sharing_a_dataset_file_each_get_their_entry_as_in_BLISS()
    {
        await using var h = await WriterHarness.StartAsync();
        var writer = await h.StartWriterAsync();
        var file = h.Data.File("sample_0001.h5");
        foreach (var number in new long[] { 7, 8 })
        {
            var scan = await TestScan.PrepareAsync(h.Store, file, number);
            await scan.SendAsync((int)number - 5);
            await scan.EndAsync();
            await WriterHarness.FilesWrittenAsync(writer, (int)number - 6);
        }
        var entries = WriterHarness.Python("import sys,h5py; f=h5py.File(sys.argv[1],'r'); print([(k, f[k]['measurement/counts'].shape[0], f[k]['end_reason'][()].decode()) for k in f])", file);
        Assert.That(entries, Is.EqualTo("[('7.1', 2, 'SUCCESS'), ('8.1', 3, 'SUCCESS')]"));
    }

    private static string Reprs(IEnumerable<double> values) => string.Join(", ", values.Select(v => $"'{Repr(v)}'"));

    /// <summary>Python's repr of a float64: the shortest text that round-trips (the same as .NET's "R").</summary>
    private static string Repr(double v)
    {
        var r = v.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('E', StringComparison.Ordinal)) r = r.Replace("E", "e", StringComparison.Ordinal).Replace("e-0", "e-", StringComparison.Ordinal);
        return r.Contains('.', StringComparison.Ordinal) || r.Contains('e', StringComparison.Ordinal) ? r : r + ".0";
    }
}
