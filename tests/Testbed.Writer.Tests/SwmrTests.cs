using Testbed.TestSupport;
using Testbed.Writer.Tests.Support;

namespace Testbed.Writer.Tests;

/// <summary>The writer in SWMR mode: readers that open the file with SWMR read see the points of a running scan as they are flushed,
/// and the finished file is the same blisswriter layout, complete, for any reader.</summary>
public class SwmrTests
{
    private const string LiveRead = """
        import sys, h5py
        try:
            with h5py.File(sys.argv[1], "r", libver="latest", swmr=True) as f:
                e = f["7.1"]
                print(e["measurement/diode"].shape[0], e["measurement/spectrum"].shape, "end_time" in e)
        except (OSError, KeyError) as x:
            print("not readable:", x)   # not created yet, or (without SWMR) locked by the writer
        """;

    [Test]
    public async Task A_SWMR_reader_sees_the_points_of_a_running_scan_and_the_end_is_written_after_it()
    {
        await using var h = await WriterHarness.StartAsync();
        var writer = await h.StartWriterAsync(swmr: true);
        var scan = await TestScan.PrepareAsync(h.Store, h.Data.File("live_0001.h5"));
        await scan.SendAsync(3);
        // Rows are appended, then flushed every 50 ms here: a reader sees them at the next flush.
        var first = await Eventually.ValueAsync(() => WriterHarness.Python(LiveRead, scan.File), s => s.StartsWith("3 ", StringComparison.Ordinal),
            "3 points seen by a SWMR reader while the scan runs");
        Assert.That(first, Is.EqualTo("3 (3, 6) False"), "no end_time while the scan runs");
        await scan.SendAsync(4);
        await Eventually.ValueAsync(() => WriterHarness.Python(LiveRead, scan.File), s => s.StartsWith("7 ", StringComparison.Ordinal),
            "7 points seen by a SWMR reader");
        await scan.EndAsync();
        await WriterHarness.FilesWrittenAsync(writer, 1);
        // After the end the file is an ordinary one: any reader (no SWMR flag) opens it, complete, with the frames linked.
        Assert.That(WriterHarness.Python("""
            import sys, h5py
            e = h5py.File(sys.argv[1], "r")["7.1"]
            print(e["measurement/diode"].shape[0], e["end_reason"][()].decode(), "end_time" in e, e["measurement/det"].shape[0])
            """, scan.File), Is.EqualTo("7 SUCCESS True 7"));
        var (code, _, stderr) = ExternalTool.Run(ExternalTool.Require("h5dump", "hdf5-tools"), ["-H", scan.File], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
    }

    [TestCase(true, TestName = "Scans_sharing_a_dataset_file_in_SWMR_mode_each_get_their_entry")]
    [TestCase(false, TestName = "A_dataset_file_in_the_older_format_takes_a_SWMR_writers_scan_without_SWMR")]
    public async Task Scans_sharing_a_dataset_file(bool firstInSwmr)
    {
        await using var h = await WriterHarness.StartAsync();
        var file = h.Data.File("sample_0001.h5");
        // Scan 7 makes the file (1.10 format in SWMR mode, the older default otherwise); scan 8 is written by a SWMR writer.
        var first = await h.StartWriterAsync(swmr: firstInSwmr);
        var scan = await TestScan.PrepareAsync(h.Store, file, 7);
        await scan.SendAsync(2);
        await scan.EndAsync();
        await WriterHarness.FilesWrittenAsync(first, 1);
        await WriterHarness.StopWriterAsync(first);
        var second = await h.StartWriterAsync(swmr: true);
        scan = await TestScan.PrepareAsync(h.Store, file, 8);
        await scan.SendAsync(3);
        await scan.EndAsync();
        await WriterHarness.FilesWrittenAsync(second, 1);
        var entries = WriterHarness.Python("import sys,h5py; f=h5py.File(sys.argv[1],'r'); print([(k, f[k]['measurement/counts'].shape[0], f[k]['end_reason'][()].decode()) for k in f])", file);
        Assert.That(entries, Is.EqualTo("[('7.1', 2, 'SUCCESS'), ('8.1', 3, 'SUCCESS')]"));
    }
}
