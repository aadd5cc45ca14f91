using System.Globalization;
using StackExchange.Redis;
using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Redis;
using Testbed.TestSupport;
using Testbed.Writer.Tests.Support;

namespace Testbed.Writer.Tests;

/// <summary>A writer stopped mid-scan leaves an incomplete entry that the next run resumes into the same file; in BEC mode the file is
/// announced as BEC's writer announces it, and never as done before the scan ends.</summary>
public class ResumeAndAnnounceTests
{
    private const string Values = """
        import sys, h5py
        e = h5py.File(sys.argv[1], "r")["7.1"]
        print("end_time" in e, "end_reason" in e, e["measurement/counts"][()].tolist(), [repr(float(x)) for x in e["measurement/diode"][()]], e["measurement/spectrum"].shape)
        """;

    [Test]
    public async Task A_writer_restarted_mid_scan_resumes_from_the_stream_positions_and_writes_the_same_file()
    {
        await using var h = await WriterHarness.StartAsync();
        var first = await h.StartWriterAsync();
        var scan = await TestScan.PrepareAsync(h.Store, h.Data.File("sample_0001.h5"));
        await scan.SendAsync(4);
        await Eventually.UntilAsync(() => first.RowsWritten == 4 * 4, "4 points of 4 channels written by the first writer");
        await WriterHarness.StopWriterAsync(first);
        // Stopped mid-scan: the file is closed but not complete (no end_time, no end_reason).
        Assert.That(WriterHarness.Python(Values, scan.File), Does.StartWith($"False False [{Counts(4)}]"));
        await scan.SendAsync(5);
        var second = await h.StartWriterAsync();
        await scan.EndAsync();
        await WriterHarness.FilesWrittenAsync(second, 1);
        var diodes = string.Join(", ", Enumerable.Range(0, 9).Select(i => $"'{TestScan.Diode(i).ToString("R", CultureInfo.InvariantCulture)}'"));
        Assert.That(WriterHarness.Python(Values, scan.File), Is.EqualTo($"True True [{Counts(9)}] [{diodes}] (9, 6)"));
    }

    [Test]
    public async Task In_BEC_mode_the_master_file_is_announced_at_open_and_done_only_after_the_scan_ended()
    {
        await using var h = await WriterHarness.StartAsync();
        var writer = await h.StartWriterAsync(bec: true);
        await using var bec = await BecConnector.ConnectAsync(h.RedisUrl.Replace("redis://", "", StringComparison.Ordinal).Replace("/0", "", StringComparison.Ordinal));
        var status = await Eventually.QueryAsync(() => bec.Database.KeyExistsAsync("user/services/status/FileWriterManager"), e => e, "the FileWriterManager heartbeat");
        Assert.That(status, Is.True);
        var id = Guid.NewGuid().ToString();
        var scan = await TestScan.PrepareAsync(h.Store, h.Data.File("S00007_master.h5"), becScanId: id);
        await scan.SendAsync(3);
        var open = await Eventually.QueryAsync(() => bec.GetAsync(MessageEndpoints.PublicFile(id, "master")), m => m is not null, "the FileMessage at open");
        Assert.That((open!.FilePath, open.Done, open.Successful, open.IsMasterFile), Is.EqualTo((scan.File, false, false, false)));
        await Eventually.UntilAsync(() => writer.RowsWritten == 3 * 4, "3 points of 4 channels written");
        Assert.That((await bec.GetAsync(MessageEndpoints.PublicFile(id, "master")))!.Done, Is.False, "done before the scan ended");
        await scan.EndAsync();
        var done = await Eventually.QueryAsync(() => bec.GetAsync(MessageEndpoints.PublicFile(id, "master")), m => m?.Done == true, "the FileMessage done");
        Assert.That((done!.Successful, Path.GetFileName(done.FilePath)), Is.EqualTo((true, "S00007_master.h5")));
        Assert.That(WriterHarness.Python(Values, scan.File), Does.StartWith($"True True [{Counts(3)}]"));

        // Then the scan history entry (bec.history), from the blissdata scan: no scan server published a final status here.
        var history = await Eventually.QueryAsync(() => bec.XRangeAsync(MessageEndpoints.ScanHistory()), l => l.Count > 0, "the scan history entry");
        var entry = history.Single().Message;
        Assert.That((entry.ScanId, entry.FilePath, entry.ExitStatus, entry.ScanNumber, entry.ScanName, entry.EndTime >= entry.StartTime),
            Is.EqualTo((id, scan.File, ScanExitStatus.Closed, 7L, "ascan", true)));
        Assert.That(Stored(entry), Is.EqualTo("diode_ctrl.counts [3] int32; diode_ctrl.diode [3] float64; mca.spectrum [3, 6] uint32; roby.roby [3] float64"),
            "device.signal shape dtype of every numeric stream (the lima references are not signal values)");
    }

    private static string Stored(ScanHistoryMessage m) => string.Join("; ", m.StoredDataInfo!.Entries.SelectMany(d => ((Testbed.Bec.Values.BecMap)d.Value).Entries.Select(s =>
    {
        var info = (StoredDataInfo)s.Value;
        return $"{d.Key.AsString()}.{s.Key.AsString()} [{string.Join(", ", info.Shape)}] {info.DType}";
    })));

    private static string Counts(int n) => string.Join(", ", Enumerable.Range(0, n).Select(TestScan.Counts));
}
