using Testbed.Bec.Endpoints;
using Testbed.Bec.Messages.Common;
using Testbed.Bec.Messages.Devices;
using Testbed.Bec.Messages.Scans;
using Testbed.Bec.Values;
using Testbed.Scans.Bus;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;
using Testbed.Writer.Service;

namespace Testbed.Scans.Tests.FileWriter;

/// <summary>The scan stack hosting the NeXus writer (Testbed.Writer in BEC mode) instead of the stand-in: a BEC client's scan ends with
/// the master-file message done, and the file is blisswriter's layout with the scan's points.</summary>
public class NexusWriterHostedTests
{
    [Test]
    public async Task A_line_scan_is_written_as_NeXus_and_announced_as_BECs_master_file()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var (h, writers) = await StartAsync();
        await using var _ = h;
        Assert.That(h.Stack.FileWriter, Is.Null, "the stand-in is not hosted beside it");
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 5, ["exp_time"] = 0, ["relative"] = false });
        Assert.That((run.File.Done, run.File.Successful, Path.GetFileName(run.File.FilePath)), Is.EqualTo((true, true, "S00001_master.h5")));
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c",
            "import h5py,sys; f=h5py.File(sys.argv[1],'r'); e=f['1.1']; m=e['measurement'];" +
            "print(m['samx'][()].tolist(), e['end_reason'][()].decode(), e.attrs['NX_class'], 'bpm4i' in m)", run.File.FilePath], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("[-1.0, -0.5, 0.0, 0.5, 1.0] SUCCESS NXentry True"));

        // BEC's layout beside it, hard-linked to the same data sets: where BEC's readers look.
        (code, stdout, stderr) = ExternalTool.Run(python, ["-c",
            "import h5py,sys; f=h5py.File(sys.argv[1],'r'); c=f['entry/collection']; d=c['devices']; m=c['metadata'];" +
            "print(d['samx']['samx']['value'][()].tolist(), d['samx']['samx']['value'].id == f['1.1/measurement/samx'].id, 'bpm4i' in d," +
            "m['exit_status'][()].decode(), int(m['scan_number'][()]), int(m['num_points'][()]), f['entry'].attrs['NX_class'])", run.File.FilePath],
            TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("[-1.0, -0.5, 0.0, 0.5, 1.0] True True closed 1 5 NXentry"));

        // bec.history: the entry BEC's writer adds, its numbers and exit from the scan server's final status, signals named as BEC names them.
        var history = await Eventually.QueryAsync(() => h.Client.Bec.XRangeAsync(MessageEndpoints.ScanHistory()), l => l.Count > 0, "the scan history entry");
        var entry = history.Single().Message;
        var final = await h.Client.Bec.GetAsync(MessageEndpoints.PublicScanInfo(entry.ScanId));
        Assert.That((entry.FilePath, entry.ExitStatus, entry.ScanNumber, entry.DatasetNumber, entry.ScanName, entry.NumPoints, entry.EndTime),
            Is.EqualTo((run.File.FilePath, ScanExitStatus.Closed, 1L, final!.DatasetNumber ?? -1, "line_scan", (long?)5, final.Timestamp)));
        Assert.That(entry.StartTime, Is.LessThan(entry.EndTime));
        var stored = (BecMap)entry.StoredDataInfo!;
        Assert.That(((StoredDataInfo)((BecMap)stored["samx"])["samx"]).Shape, Is.EqualTo(new long[] { 5 }), "samx.samx: one readback per point");
        Assert.That(stored.ContainsKey("bpm4i"), Is.True, string.Join(", ", stored.Entries.Select(e => e.Key.AsString())));
        foreach (var w in writers) w.Dispose();
    }

    [Test]
    public async Task A_grid_scans_default_plot_is_a_scatter_map_over_both_motors_for_silx()
    {
        var python = ExternalTool.RequirePython("silx", "python3-silx");
        var (h, writers) = await StartAsync();
        await using var _ = h;
        var run = await h.RunAsync("grid_scan", new BecMap { ["samx"] = new BecList { -1, 1, 3 }, ["samy"] = new BecList { -1, 1, 2 } },
            new BecMap { ["exp_time"] = 0, ["relative"] = false });
        Assert.That((run.File.Done, run.File.Successful), Is.EqualTo((true, true)));
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c",
            "import sys, silx.io, silx.io.nxdata as nx\n" +
            "with silx.io.open(sys.argv[1]) as f:\n" +
            "    d = nx.get_default(f)\n" +
            "    print(d.is_valid, d.is_scatter, d.signal_name, [a.name.split('/')[-1] for a in d.axes], [len(a) for a in d.axes], len(d.signal))",
            run.File.FilePath], TimeSpan.FromSeconds(120));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("True True bpm4i ['samx', 'samy'] [6, 6] 6"), "a 3 × 2 grid: one value per point over both motors");
        foreach (var w in writers) w.Dispose();
    }

    [Test]
    public async Task A_scan_failed_by_a_device_is_in_the_history_as_aborted_by_an_alarm_and_its_file_says_so()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var (h, writers) = await StartAsync();
        await using var _ = h;
        const string Driver = "samx: drive 1 reports motor fault (MF=0x1000, over-current); check the motor cable";
        h.Devices.Fail = ins => ins.Action == DeviceInstructionAction.Set && ins.Parameter["value"].AsDouble() == 0
            ? new ErrorInfo { ErrorMessage = Driver, CompactErrorMessage = Driver, ExceptionType = "AxisFaultError", Device = "samx" }
            : null;
        var (rid, _) = await h.Client.RequestAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 5, ["exp_time"] = 0, ["relative"] = false });
        var scanId = await h.Client.ScanIdAsync(rid);
        var history = await Eventually.QueryAsync(() => h.Client.Bec.XRangeAsync(MessageEndpoints.ScanHistory()), l => l.Count > 0, "the scan history entry");
        var entry = history.Single().Message;
        Assert.That((entry.ScanId, entry.ExitStatus, entry.Reason), Is.EqualTo((scanId, ScanExitStatus.Aborted, (ScanStatusReason?)ScanStatusReason.Alarm)));
        Assert.That(((StoredDataInfo)((BecMap)((BecMap)entry.StoredDataInfo!)["samx"])["samx"]).Shape, Is.EqualTo(new long[] { 2 }), "the two points before the failing move");
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c",
            "import h5py,sys; f=h5py.File(sys.argv[1],'r');" +
            "print(f['1.1/end_reason'][()].decode(), f['entry/collection/metadata/exit_status'][()].decode(), f['1.1/measurement/samx'].shape)", entry.FilePath],
            TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("FAILURE aborted (2,)"));
        foreach (var w in writers) w.Dispose();
    }

    /// <summary>The scan stack with the NeXus writer hosted in BEC mode, as the main job runs it.</summary>
    private static async Task<(ScanStackHarness, List<WriterService>)> StartAsync()
    {
        var writers = new List<WriterService>();
        var h = await ScanStackHarness.StartAsync(fileWriter: (blissdata, common) =>
        {
            var writer = new WriterService(new WriterOptions
            {
                RedisUrl = blissdata, Time = common.Time, LoggerFactory = common.LoggerFactory,
                Bec = new BecMode(common.RedisUrl) { User = common.User, Hostname = common.Hostname },
            });
            writers.Add(writer);
            return new FileWriterHost(writer, writer.Ready);
        });
        return (h, writers);
    }
}
