using System.Diagnostics;
using Testbed.TestSupport;
using Testbed.Writer.Tests.Support;

namespace Testbed.Writer.Tests;

/// <summary><c>testbed writer</c> as a user runs it: alone against a Redis, it writes the file of <c>testbed scans publish-example</c>
/// (frames included) and stops on Ctrl-C with status 130; a bad address is refused with status 2.</summary>
public class WriterCommandTests
{
    private static string Dotnet => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : ExternalTool.Require("dotnet", "dotnet-sdk-10.0");

    private static string Dll => Path.Combine(TestContext.CurrentContext.TestDirectory, "testbed.dll");

    [TestCase(false)]
    [TestCase(true, TestName = "A_writer_killed_mid_scan_in_SWMR_mode_is_resumed_by_the_next_one_with_every_point")]
    public async Task A_writer_killed_mid_scan_is_resumed_by_the_next_one_into_the_same_file_with_every_point(bool swmr)
    {
        await using var h = await WriterHarness.StartAsync();
        var (first, firstOutput) = StartWriter(h, swmr);
        TestScan scan;
        try
        {
            await Eventually.UntilAsync(() => firstOutput.Any(l => l.Contains("following scans", StringComparison.Ordinal)), "the writer following scans", TimeSpan.FromSeconds(60));
            scan = await TestScan.PrepareAsync(h.Store, h.Data.File("sample_0001.h5"));
            await scan.SendAsync(4);
            // Written and flushed (every 0.2 s): the rows are in the file as another process sees it.
            await Eventually.UntilAsync(() => Rows(scan.File, swmr) == "4", "4 points in the file", TimeSpan.FromSeconds(60));
            await scan.SendAsync(2);
        }
        finally
        {
            first.Kill();   // SIGKILL: no flush, no close
            first.WaitForExit(30_000);
        }
        await scan.SendAsync(3);
        // In SWMR mode the killed writer left the file's "open for write" flags set: the next one clears them (as h5clear would).
        var (second, output) = StartWriter(h, swmr);
        try
        {
            await Eventually.UntilAsync(() => output.Any(l => l.Contains("resuming", StringComparison.Ordinal)), "the second writer resuming", TimeSpan.FromSeconds(60));
            await scan.EndAsync();
            await Eventually.UntilAsync(() => output.Any(l => l.Contains("→ " + scan.File, StringComparison.Ordinal)), "the file finished", TimeSpan.FromSeconds(60));
            var values = WriterHarness.Python("""
                import sys, h5py
                e = h5py.File(sys.argv[1], "r")["7.1"]
                print(e["end_reason"][()].decode(), e["measurement/counts"][()].tolist(), e["measurement/spectrum"].shape)
                """, scan.File);
            Assert.That(values, Is.EqualTo($"SUCCESS [{string.Join(", ", Enumerable.Range(0, 9).Select(TestScan.Counts))}] (9, {TestScan.Bins})"),
                string.Join('\n', output));
        }
        finally
        {
            second.Kill();
            second.WaitForExit(30_000);
        }
    }

    // Rows of the counts data set as h5py sees them while the writer holds the file (its lock is advisory: read without it; a
    // file in SWMR mode is read as SWMR).
    private static string Rows(string file, bool swmr)
    {
        if (!File.Exists(file)) return "no file";
        var python = ExternalTool.RequirePython("h5py", "python3-h5py");
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import sys, h5py\ntry:\n  print(h5py.File(sys.argv[1], 'r', swmr=sys.argv[2] == 'swmr')['7.1/measurement/counts'].shape[0])\nexcept Exception as e:\n  print('unreadable', e)", file, swmr ? "swmr" : "plain" })
            psi.ArgumentList.Add(a);
        psi.Environment["HDF5_USE_FILE_LOCKING"] = "FALSE";
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Trim();
    }

    private static (Process Writer, System.Collections.Concurrent.ConcurrentQueue<string> Output) StartWriter(WriterHarness h, bool swmr)
    {
        var psi = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Dll, "writer", "--redis", h.RedisUrl, "--flush", "0.2" }.Concat(swmr ? ["--swmr"] : Array.Empty<string>())) psi.ArgumentList.Add(a);
        var writer = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        writer.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        writer.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();
        return (writer, output);
    }

    [Test]
    public void A_bad_redis_address_is_refused_in_one_line_with_status_2()
    {
        var (code, _, stderr) = ExternalTool.Run(Dotnet, [Dll, "writer", "--redis", "http://localhost:6379"], TimeSpan.FromSeconds(60));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Trim().Split('\n')[0], Does.StartWith("testbed writer: --redis: 'http://localhost:6379' is not a Redis address"));
    }

    [Test]
    public async Task Testbed_writer_writes_the_example_scan_and_stops_on_ctrl_c()
    {
        await using var h = await WriterHarness.StartAsync();
        var psi = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Dll, "writer", "--redis", h.RedisUrl, "--flush", "0.2" }) psi.ArgumentList.Add(a);
        using var writer = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        writer.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        writer.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        writer.BeginOutputReadLine();
        writer.BeginErrorReadLine();
        try
        {
            await Eventually.UntilAsync(() => output.Any(l => l.Contains("following scans", StringComparison.Ordinal)), "the writer following scans", TimeSpan.FromSeconds(60));
            var (code, _, stderr) = ExternalTool.Run(Dotnet, [Dll, "scans", "publish-example", "--redis", h.RedisUrl, "--data", h.Data.Path, "--points", "7"], TimeSpan.FromSeconds(120));
            Assert.That(code, Is.EqualTo(0), stderr);
            var file = h.Data.File("sample_0001.h5");
            await Eventually.UntilAsync(() => output.Any(l => l.Contains("→ " + file, StringComparison.Ordinal)), "the example's file written", TimeSpan.FromSeconds(60));
            var summary = WriterHarness.Python("""
                import sys, h5py
                e = h5py.File(sys.argv[1], "r")["1.1"]
                m = e["measurement"]
                print(e["end_reason"][()].decode(), sorted(m.keys()), m["det"].shape, m["det"].is_virtual, m["ct1"].shape, m["profile"].shape, m["profile"][1].tolist())
                """, file);
            Assert.That(summary, Is.EqualTo("SUCCESS ['ct1', 'det', 'profile', 'robx', 'spectrum'] (7, 48, 64) True (7,) (7, 6) [1.0, 1.100000023841858, 1.2000000476837158, 1.2999999523162842, 0.0, 0.0]"));
        }
        finally
        {
            ExternalTool.Run("kill", ["-INT", writer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            if (!writer.WaitForExit(30_000)) writer.Kill(entireProcessTree: true);
        }
        Assert.That(writer.ExitCode, Is.EqualTo(130), string.Join('\n', output));
    }
}
