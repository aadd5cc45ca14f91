using System.Text.RegularExpressions;
using Testbed.Blissdata;
using Testbed.TestSupport;

namespace Testbed.Integration.Tests.Cli;

/// <summary>A beamline spread over processes around one Redis: <c>testbed serve twin</c>, <c>serve device-server</c> and <c>serve scan-server</c>,
/// driven by <c>testbed scan</c> as a client.</summary>
public class ServeAndScanTests
{
    [Test]
    public async Task Twin_device_server_and_scan_server_as_three_processes_run_scans_submitted_by_testbed_scan()
    {
        using var redis = RedisProcess.TryStart() ?? throw new IgnoreException("redis-server is not installed (Debian package redis-server)");
        using var dir = new TempDirectory("serve-scan");
        var yaml = DemoBeamline.Write(dir);
        var url = $"redis://{redis.Endpoint}/0";
        using var twin = TestbedProcess.Start("serve", "twin", yaml, "--ports", "free", "--rate", "10");
        Assert.That(twin.WaitForOutput("twin ready", TimeSpan.FromSeconds(30)), Is.True, twin.Output);
        var line = twin.Output.Split('\n').Single(l => l.Contains("resolved beamline file", StringComparison.Ordinal));
        var resolved = line[(line.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
        using var devices = TestbedProcess.Start("serve", "device-server", resolved, "--redis", url);
        using var scans = TestbedProcess.Start("serve", "scan-server", "--redis", url, "--data", dir.File(Path.Combine("data", "det1")));
        Assert.That(devices.WaitForOutput("DeviceServer running", TimeSpan.FromSeconds(30)), Is.True, devices.Output);
        Assert.That(scans.WaitForOutput("ScanServer running", TimeSpan.FromSeconds(30)), Is.True, scans.Output);

        using var scan = TestbedProcess.Start("scan", "line_scan", "m", "-2", "2", "5", "0.01", "--redis", url);
        Assert.That(scan.WaitForExit(TimeSpan.FromSeconds(90)), Is.True, scan.Output);
        Assert.That(scan.ExitCode, Is.Zero, scan.Output + "\n--- device server\n" + devices.Output + "\n--- scan server\n" + scans.Output);
        Assert.That(scan.Output, Does.Match(@"scan \d+ \(line_scan m -2 2 5 0.01\): closed"));
        Assert.That(File.Exists(Regex.Match(scan.Output, @"file: (\S+_master\.h5)").Groups[1].Value), Is.True, scan.Output);
        var key = Regex.Match(scan.Output, @"blissdata: (esrf:scan:\S+)").Groups[1].Value;
        await using (var store = await DataStore.ConnectAsync($"redis://{redis.Endpoint}/1"))
        {
            var loaded = await store.LoadScanAsync(key);
            Assert.That((await loaded.Streams["axis:m"].GetSliceAsync(0)).ToDoubles(), Is.EqualTo(new[] { -2.0, -1, 0, 1, 2 }).Within(1e-3));
        }

        using var move = TestbedProcess.Start("scan", "umv", "m", "1.5", "--redis", url);
        Assert.That(move.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, move.Output);
        Assert.That(move.Output, Does.Contain("umv m 1.5: completed"));

        using var refused = TestbedProcess.Start("scan", "line_scan", "mm", "-2", "2", "5", "0.01", "--redis", url);
        Assert.That(refused.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, refused.Output);
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.Output);
        Assert.That(refused.Output, Does.Contain("refused:").And.Contain("mm").And.Not.Contain("   at "));

        foreach (var p in new[] { scans, devices, twin })
        {
            p.Interrupt();
            Assert.That(p.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, p.Output);
        }
    }

    [Test]
    public void Testbed_scan_without_a_scan_server_says_so_in_one_line()
    {
        using var redis = RedisProcess.TryStart() ?? throw new IgnoreException("redis-server is not installed (Debian package redis-server)");
        using var scan = TestbedProcess.Start("scan", "acquire", "0.1", "--redis", $"redis://{redis.Endpoint}/0");
        Assert.That(scan.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, scan.Output);
        Assert.That(scan.ExitCode, Is.EqualTo(1), scan.Output);
        Assert.That(scan.Output.Trim(), Does.StartWith("testbed scan:").And.Contain("no scan server on redis://").And.Contain("user/services/status/ScanServer"));
        Assert.That(scan.Output.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
    }
}
