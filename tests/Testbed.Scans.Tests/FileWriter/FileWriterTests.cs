using Testbed.Bec.Endpoints;
using Testbed.Bec.Values;
using Testbed.Scans.Tests.Support;
using Testbed.TestSupport;

namespace Testbed.Scans.Tests.FileWriter;

/// <summary>The file writer stand-in: a real HDF5 master file that h5py reads, announced when complete, never written over another.</summary>
public class FileWriterTests
{
    [Test]
    public async Task The_master_file_holds_every_point_and_h5py_reads_it()
    {
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        await using var h = await ScanStackHarness.StartAsync();
        var run = await h.RunAsync("line_scan", new BecMap { ["samx"] = new BecList { -1, 1 } }, new BecMap { ["steps"] = 5, ["exp_time"] = 0, ["relative"] = false });
        Assert.That(Path.GetFileName(run.File.FilePath), Is.EqualTo("S00001_master.h5"));
        var (code, stdout, stderr) = ExternalTool.Run(python, ["-c",
            "import h5py,sys; f=h5py.File(sys.argv[1],'r'); d=f['/entry/collection/devices'];" +
            "print(list(d['samx']['samx']['value'][()]), list(d['bpm4i']['bpm4i']['value'][()]), sorted(d.keys())," +
            "f['/entry'].attrs['NX_class'], f['/entry/collection/metadata/exit_status'][()])", run.File.FilePath], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("[-1.0, -0.5, 0.0, 0.5, 1.0] [90.0, 95.0, 100.0, 105.0, 110.0] ['bpm4i', 'samx', 'samy'] NXentry b'closed'"));
        var history = await Eventually.QueryAsync(() => h.Client.Bec.XRangeAsync(MessageEndpoints.ScanHistory()), l => l.Count > 0, "the scan history entry");
        Assert.That(history.Single().Message.FilePath, Is.EqualTo(run.File.FilePath));
    }

    [Test]
    public async Task An_existing_file_is_not_written_over_and_the_file_message_says_so()
    {
        await using var h = await ScanStackHarness.StartAsync();
        var taken = Path.Combine(h.Data.Path, "S00000-00999", "S00001", "S00001_master.h5");
        Directory.CreateDirectory(Path.GetDirectoryName(taken)!);
        await File.WriteAllTextAsync(taken, "someone else's file");
        var run = await h.RunAsync("acquire", new BecList(), new BecMap { ["exp_time"] = 0 });
        Assert.That((run.File.Done, run.File.Successful), Is.EqualTo((true, false)));
        Assert.That(await File.ReadAllTextAsync(taken), Is.EqualTo("someone else's file"));
    }
}
