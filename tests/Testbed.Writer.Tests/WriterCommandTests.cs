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
