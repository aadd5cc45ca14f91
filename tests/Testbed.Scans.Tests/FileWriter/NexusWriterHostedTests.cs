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
        WriterService? writer = null;
        await using var h = await ScanStackHarness.StartAsync(fileWriter: (blissdata, common) =>
        {
            writer = new WriterService(new WriterOptions
            {
                RedisUrl = blissdata, Time = common.Time, LoggerFactory = common.LoggerFactory,
                Bec = new BecMode(common.RedisUrl) { User = common.User, Hostname = common.Hostname },
            });
            return new FileWriterHost(writer, writer.Ready);
        });
        Assert.That(h.Stack.FileWriter, Is.Null, "the stand-in is not hosted beside it");
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 5, ["exp_time"] = 0, ["relative"] = false });
        Assert.That((run.File.Done, run.File.Successful, Path.GetFileName(run.File.FilePath)), Is.EqualTo((true, true, "S00001_master.h5")));
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c",
            "import h5py,sys; f=h5py.File(sys.argv[1],'r'); e=f['1.1']; m=e['measurement'];" +
            "print(m['samx'][()].tolist(), e['end_reason'][()].decode(), e.attrs['NX_class'], 'bpm4i' in m)", run.File.FilePath], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("[-1.0, -0.5, 0.0, 0.5, 1.0] SUCCESS NXentry True"));
        writer?.Dispose();
    }
}
